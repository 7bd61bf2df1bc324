using AmazonFulfillment.Verification;
using AmazonFulfillment.Verification.Histories;

namespace AmazonFulfillment.Verification.Tests.Histories;

/// <summary>
/// Model-based: generated histories of observations, merchant actions, faults, restarts and concurrent workers
/// run against the real runtime; every guarantee of docs/rules.md section 6 holds after every step and after the final drain.
/// </summary>
public class HistoryProperties
{
    [FulfillmentProperty(300)]
    public void RunHistory_AnyInterleavingUnderFaults_EveryGuaranteeHolds(History history)
    {
        var report = Task.Run(() => HistoryRunner.RunAsync(history)).GetAwaiter().GetResult();
        if (!report.Holds)
        {
            throw new HistoryViolatedException(
                report + Environment.NewLine + history + Environment.NewLine + PropertyRuns.ReplayInstructions);
        }
    }
}

/// <summary>A history broke a guarantee.</summary>
public sealed class HistoryViolatedException(string message) : Exception(message);
