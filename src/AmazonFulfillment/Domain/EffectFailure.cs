namespace AmazonFulfillment.Domain;

/// <summary>A permanent failure of an effect, kept visible on the order.</summary>
/// <param name="IdempotencyKey">The failed effect's key.</param>
/// <param name="Reason">Why it failed.</param>
/// <param name="At">When it failed.</param>
public sealed record EffectFailure(string IdempotencyKey, string Reason, DateTimeOffset At)
{
    /// <summary>
    /// Gets the failure's stable code (one of <see cref="ProblemCodes"/>, such as <see cref="ProblemCodes.ConfirmationRefusedByAmazon"/>
    /// or <see cref="ProblemCodes.PortContractBroken"/>); <see langword="null"/> for a failure stored before codes existed.
    /// </summary>
    public string? Code { get; init; }
}
