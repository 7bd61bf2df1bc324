using AmazonFulfillment.Domain;
using AmazonFulfillment.Verification.Histories;
using FsCheck;
using FsCheck.Fluent;

namespace AmazonFulfillment.Verification.Generators;

/// <summary>Shrinking a failing history to a smaller one that still fails.</summary>
public static partial class HistoryGenerators
{
    /// <summary>Shrinks a history: drops halves, then single commands, then runs concurrent commands and pages one after another.</summary>
    /// <param name="history">The failing history.</param>
    /// <returns>Smaller candidates, most aggressive first.</returns>
    public static IEnumerable<History> Shrink(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var steps = history.Steps;
        if (steps.Length > 1)
        {
            var half = steps.Length / 2;
            yield return history with { Steps = steps.RemoveRange(0, half) };
            yield return history with { Steps = steps.RemoveRange(half, steps.Length - half) };
        }

        for (var i = steps.Length - 1; i >= 0; i--)
        {
            yield return history with { Steps = steps.RemoveAt(i) };
        }

        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i] is ObservePageStep page)
            {
                yield return history with { Steps = steps.RemoveAt(i).InsertRange(i, page.Observations) };
            }

            if (steps[i] is ConcurrentStep c)
            {
                yield return history with { Steps = steps.RemoveAt(i).InsertRange(i, c.Steps) };
                for (var j = 0; j < c.Steps.Length && c.Steps.Length > 1; j++)
                {
                    yield return history with { Steps = steps.SetItem(i, new ConcurrentStep(c.Steps.RemoveAt(j))) };
                }
            }
        }
    }
}
