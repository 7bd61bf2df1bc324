using System.Collections.Immutable;
using System.Runtime.InteropServices;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.Workflows;

/// <summary>
/// What decisions do with an order's outbox: find the pending effect an outcome answers, tell which effects a decision added, and
/// remove a finished one. An outbox holds each idempotency key at most once and only a few effects, so these are plain loops.
/// </summary>
internal static class Outbox
{
    // The effects of next whose key the original outbox does not hold (loops: outboxes hold a few effects).
    internal static ImmutableArray<OrderEffect> Added(ImmutableArray<PendingEffect> original, ImmutableArray<PendingEffect> next)
    {
        var count = 0;
        foreach (var e in next)
        {
            if (!Holds(original, e.Effect))
            {
                count++;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var added = new OrderEffect[count];
        var i = 0;
        foreach (var e in next)
        {
            if (!Holds(original, e.Effect))
            {
                added[i++] = e.Effect;
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(added);
    }

    // Whether the outbox holds an effect with the effect's key.
    internal static bool Holds(ImmutableArray<PendingEffect> outbox, OrderEffect effect)
    {
        foreach (var e in outbox)
        {
            if (e.Effect.SameKeyAs(effect))
            {
                return true;
            }
        }

        return false;
    }

    internal static int IndexOfKey(ImmutableArray<PendingEffect> outbox, string key)
    {
        for (var i = 0; i < outbox.Length; i++)
        {
            if (outbox[i].Effect.HasKey(key))
            {
                return i;
            }
        }

        return -1;
    }

    // The pending effect an outcome answers, found by what it is (an order has one creation, one customer and one
    // items fetch per status pending at most): no key is built for a match.
    internal static int IndexOf<TArg>(ImmutableArray<PendingEffect> outbox, Func<OrderEffect, TArg, bool> answers, TArg arg)
    {
        for (var i = 0; i < outbox.Length; i++)
        {
            if (answers(outbox[i].Effect, arg))
            {
                return i;
            }
        }

        return -1;
    }

    // Removes the entry at index, and any later entry with the same key (an outbox holds each key once, so usually none).
    internal static ImmutableArray<PendingEffect> RemoveAt(ImmutableArray<PendingEffect> outbox, int index)
    {
        if (index < 0)
        {
            return outbox;
        }

        var removed = outbox[index].Effect;
        var kept = outbox.Length == 1 ? [] : outbox.RemoveAt(index);
        for (var i = kept.Length - 1; i >= index; i--)
        {
            if (kept[i].Effect.SameKeyAs(removed))
            {
                kept = kept.RemoveAt(i);
            }
        }

        return kept;
    }
}
