using AmazonFulfillment.Verification;
using AmazonFulfillment.Verification.Generators;
using AmazonFulfillment.Verification.Histories;
using FsCheck;
using FsCheck.Fluent;

namespace AmazonFulfillment.Verification.Tests.Histories;

/// <summary>
/// Model-based: generated histories of observations, merchant actions, faults, settings switches, Amazon moving on, poisoned
/// documents, restarts and concurrent workers run against the real runtime; the guarantees oracle finds every guarantee of docs/rules.md
/// section 6 holding after every step, after the final drain, and after the settings are back on and refused work corrected.
/// </summary>
public class HistoryProperties
{
    [FulfillmentProperty(300)]
    public void RunHistory_AnyInterleavingUnderFaults_EveryGuaranteeHolds(History history) => Holds(history);

    /// <summary>Guarantee 15: ReadOnly, ImportOrders and ImportFbaOrders switched while work is queued.</summary>
    [FulfillmentProperty(60)]
    public Property RunHistory_SettingsSwitchedMidHistory_NoQueuedWorkOutrunsASetting() => ForAll(HistoryGenerators.SettingsHistories);

    /// <summary>Guarantee 16: Amazon refusing confirmations and cancellations, and cancelling or shipping while work is queued.</summary>
    [FulfillmentProperty(60)]
    public Property RunHistory_AmazonRefusesOrMovesOn_NoOneSidedOutcome() => ForAll(HistoryGenerators.RefusalHistories);

    /// <summary>Guarantee 17: a poisoned store document while sweeps, pages and resumes run.</summary>
    [FulfillmentProperty(60)]
    public Property RunHistory_PoisonedOrder_OthersGoOnAndItRecovers() => ForAll(HistoryGenerators.PoisonHistories);

    /// <summary>Guarantee 18: ports answering malformed results or throwing.</summary>
    [FulfillmentProperty(60)]
    public Property RunHistory_MalformedOrThrowingPorts_RefusedWithAReason() => ForAll(HistoryGenerators.UntrustedPortHistories);

    private static Property ForAll(Gen<History> histories) =>
        Prop.ForAll(Arb.From(histories, HistoryGenerators.Shrink), Holds);

    private static void Holds(History history)
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
