using System.Text.Json.Serialization;

namespace AmazonFulfillment.Domain;

/// <summary>An effect in the order's outbox.</summary>
/// <param name="Effect">The work.</param>
/// <param name="Held">Whether it is held (visible, not run): an Amazon call while read-only mode is on, or an import step while the
/// channel's import setting is off. Judged again whenever the order's work runs, so a setting changed while work is queued takes effect at once.</param>
public sealed record PendingEffect(OrderEffect Effect, bool Held = false)
{
    /// <summary>Whether the effect may run at <paramref name="now"/>: not held, and not scheduled for later.</summary>
    internal bool RunnableAt(DateTimeOffset now) => !Held && (Effect.NotBefore is not { } due || due <= now);
}
