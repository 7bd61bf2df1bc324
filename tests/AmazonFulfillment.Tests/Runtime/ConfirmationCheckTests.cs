using System.Collections.Immutable;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Tests.Support;
using Xunit;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>
/// Verified confirmations (docs/rules.md, seller health): Amazon has answered success to a confirmation and kept no package. The
/// packages are read back a while after Amazon accepts them; one Amazon does not hold is sent again with the same package reference id.
/// </summary>
public sealed class ConfirmationCheckTests
{
    private static readonly TimeSpan After = TimeSpan.FromMinutes(30);

    private static InMemoryFulfillment Checked(int resends = 2) => Channel(s =>
    {
        s.ConfirmationCheckAfter = After;
        s.ConfirmationResends = resends;
    });

    private static async Task<AmazonOrderId> ImportedAsync(InMemoryFulfillment h)
    {
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        return id;
    }

    private static int ReadBacks(InMemoryFulfillment h) => h.Faults.CallsOf("amazon", "GetConfirmedPackages");

    private static PackageRecord PackageOf(InMemoryFulfillment h, AmazonOrderId id, int reference = 1) =>
        h.Tracked(id)!.Packages.Single(p => p.Package.PackageReferenceId == PackageReferenceId.From(reference));

    /// <summary>Moves the clock past the check and sweeps, as a host's periodic sync does.</summary>
    private static async Task LaterAsync(InMemoryFulfillment h, TimeSpan by)
    {
        h.Clock.Advance(by);
        await h.Runtime.SyncAsync();
    }

    [Fact]
    public async Task DroppedConfirmation_IsFoundAfterTheDelay_AndSentAgainOnce_AmazonHoldsItOnce()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        h.Amazon.DropAcceptedConfirmations(1, id);

        await h.Runtime.RecordShipmentAsync(First(id));
        Assert.Single(h.Amazon.DroppedConfirmations);
        Assert.Empty(h.Amazon.Confirmations);
        Assert.Equal(ConfirmationState.Confirmed, PackageOf(h, id).Confirmation);
        var check = Assert.IsType<VerifyShipment>(Assert.Single(h.Tracked(id)!.Outbox).Effect);
        Assert.Equal(T0 + After, check.DueAt);
        Assert.False(h.Tracked(id)!.HasRunnableWork); // scheduled: unfinished, not runnable until due
        Assert.True(h.Tracked(id)!.HasUnfinishedWork);

        await LaterAsync(h, After - TimeSpan.FromMinutes(1));
        Assert.Equal(0, ReadBacks(h)); // not due yet: Amazon is not asked

        await LaterAsync(h, TimeSpan.FromMinutes(2));
        Assert.Equal(1, ReadBacks(h));
        var resent = PackageOf(h, id);
        Assert.Equal(ConfirmationState.Confirmed, resent.Confirmation); // sent again at once, and accepted
        Assert.Equal(PackageVerification.NotOnAmazon, resent.Verification);
        Assert.Equal(1, resent.Resends);
        Assert.Equal(h.Clock.GetUtcNow(), resent.ConfirmedAt);
        Assert.Equal(PackageReferenceId.From(1), Assert.Single(h.Amazon.Confirmations).Package.PackageReferenceId);
        Assert.Equal(2, h.Amazon.ConfirmationCalls.Count);
        Assert.All(h.Amazon.ConfirmationCalls, c => Assert.Equal((First(id).PackageReferenceId, First(id).TrackingNumber), (c.Package.PackageReferenceId, c.Package.TrackingNumber))); // the same package

        await LaterAsync(h, After);
        Assert.Equal(2, ReadBacks(h));
        Assert.Equal(PackageVerification.OnAmazon, PackageOf(h, id).Verification);
        Assert.Empty(h.Tracked(id)!.Outbox);
        Assert.Null(h.Tracked(id)!.Error);

        await LaterAsync(h, After * 4);
        Assert.Equal(2, ReadBacks(h)); // nothing left to check
        Assert.Equal(2, h.Amazon.ConfirmationCalls.Count);
        Assert.Equal(1, Assert.Single(h.Amazon.Confirmations).Calls);
    }

    [Fact]
    public async Task KeptConfirmation_IsVerified_NothingSentAgain()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        await h.Runtime.RecordShipmentAsync(First(id));
        await h.Runtime.RecordShipmentAsync(Second(id));

        await LaterAsync(h, After);

        Assert.Equal(1, ReadBacks(h)); // one read-back for both packages of the order
        Assert.All(h.Tracked(id)!.Packages, p => Assert.Equal(PackageVerification.OnAmazon, p.Verification));
        Assert.Equal(2, h.Amazon.ConfirmationCalls.Count);
        Assert.Empty(h.Tracked(id)!.Outbox);
    }

    [Fact]
    public async Task PackageConfirmedLater_IsJudgedAtItsOwnTime_NotResentTooEarly()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        await h.Runtime.RecordShipmentAsync(First(id));
        h.Clock.Advance(TimeSpan.FromMinutes(20));
        h.Amazon.DropAcceptedConfirmations(1, id);
        await h.Runtime.RecordShipmentAsync(Second(id));

        await LaterAsync(h, TimeSpan.FromMinutes(11)); // package 1 due, package 2 accepted 11 minutes ago

        Assert.Equal(PackageVerification.OnAmazon, PackageOf(h, id, 1).Verification);
        Assert.Equal(PackageVerification.NotChecked, PackageOf(h, id, 2).Verification); // not shown yet, but too early to judge
        Assert.Equal(2, h.Amazon.ConfirmationCalls.Count);
        Assert.Equal(T0.AddMinutes(20) + After, Assert.IsType<VerifyShipment>(Assert.Single(h.Tracked(id)!.Outbox).Effect).DueAt);

        await LaterAsync(h, TimeSpan.FromMinutes(20));
        Assert.Equal(1, PackageOf(h, id, 2).Resends);
        Assert.Equal(3, h.Amazon.ConfirmationCalls.Count);
    }

    [Fact]
    public async Task StillMissingAfterTheLastResend_ShowsRefused_MerchantRetrySendsItAgain()
    {
        var h = Checked(resends: 1);
        var id = await ImportedAsync(h);
        h.Amazon.DropAcceptedConfirmations(2, id);
        await h.Runtime.RecordShipmentAsync(First(id));

        await LaterAsync(h, After); // missing: sent again, dropped again
        await LaterAsync(h, After); // missing after the last resend

        var refused = PackageOf(h, id);
        Assert.Equal(ConfirmationState.Failed, refused.Confirmation);
        Assert.Equal(PackageVerification.NotOnAmazon, refused.Verification);
        Assert.Contains("accepted the confirmation 2 time(s) but does not hold the package", refused.FailureReason, StringComparison.Ordinal);
        Assert.Equal(ChannelStatus.Error, h.Tracked(id)!.ChannelStatus);
        Assert.Contains("package 1", h.Tracked(id)!.Error, StringComparison.Ordinal);
        Assert.Empty(h.Tracked(id)!.Outbox);
        Assert.Empty(h.Amazon.Confirmations);

        await h.Runtime.RetryAsync(id); // the merchant checked Seller Central and retries
        Assert.Equal(ConfirmationState.Confirmed, PackageOf(h, id).Confirmation);
        Assert.Equal(0, PackageOf(h, id).Resends);
        Assert.Single(h.Amazon.Confirmations);
        await LaterAsync(h, After);
        Assert.Equal(PackageVerification.OnAmazon, PackageOf(h, id).Verification);
        Assert.Null(h.Tracked(id)!.Error);
    }

    [Fact]
    public async Task ReadOnlyWhenFoundMissing_TheResendIsHeld_ThenSentWhenReadOnlyEnds()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        h.Amazon.DropAcceptedConfirmations(1, id);
        await h.Runtime.RecordShipmentAsync(First(id));
        var readOnly = h.Settings.CurrentValue.Clone();
        readOnly.ReadOnly = true;
        h.Settings.Set(readOnly);

        await LaterAsync(h, After);

        Assert.Equal(1, ReadBacks(h)); // reading is allowed in read-only mode
        Assert.Equal(ConfirmationState.Pending, PackageOf(h, id).Confirmation);
        Assert.True(Assert.Single(h.Tracked(id)!.Outbox).Held);
        Assert.Single(h.Amazon.ConfirmationCalls);

        var writable = h.Settings.CurrentValue.Clone();
        writable.ReadOnly = false;
        h.Settings.Set(writable);
        await h.Runtime.SyncAsync();
        Assert.Single(h.Amazon.Confirmations);
    }

    [Fact]
    public void CheckOn_WithAnAmazonPortThatCannotReadPackages_RefusedAtStart_NamingTheSetting()
    {
        var h = Checked();
        var error = Assert.Throws<ArgumentException>(() => new AmazonFulfillment.Runtime.FulfillmentRuntime(
            new WriteOnlyAmazon(h.Amazon), h.Commerce, h.Customers, h.Store, h.Settings, h.Options, h.Clock));

        Assert.Contains("ConfirmationCheckAfter is set, but the Amazon port does not implement IAmazonPackagesPort", error.Message, StringComparison.Ordinal);
    }

    /// <summary>An Amazon port without the read-back.</summary>
    private sealed class WriteOnlyAmazon(InMemoryAmazon inner) : AmazonFulfillment.Ports.IAmazonOrdersPort
    {
        public ValueTask<AmazonFulfillment.Ports.PortResult<System.Collections.Immutable.ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            inner.GetOrderItemsAsync(amazonOrderId, cancellationToken);

        public ValueTask<AmazonFulfillment.Ports.PortResult> ConfirmShipmentAsync(ShipmentPackage package, MarketplaceId? marketplaceId, CancellationToken cancellationToken = default) =>
            inner.ConfirmShipmentAsync(package, marketplaceId, cancellationToken);

        public ValueTask<AmazonFulfillment.Ports.PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default) =>
            inner.CancelOrderAsync(amazonOrderId, reason, cancellationToken);
    }

    [Fact]
    public async Task CheckOff_NothingScheduled_NothingRead()
    {
        var h = Channel();
        var id = await ImportedAsync(h);
        h.Amazon.DropAcceptedConfirmations(1, id);
        await h.Runtime.RecordShipmentAsync(First(id));
        await LaterAsync(h, TimeSpan.FromDays(1));

        Assert.Empty(h.Tracked(id)!.Outbox);
        Assert.Equal(0, ReadBacks(h));
        Assert.Equal(PackageVerification.NotChecked, PackageOf(h, id).Verification);
    }

    [Fact]
    public async Task CheckSwitchedOffWhileScheduled_TheCheckEndsWithoutJudging()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        h.Amazon.DropAcceptedConfirmations(1, id);
        await h.Runtime.RecordShipmentAsync(First(id));
        var off = h.Settings.CurrentValue.Clone();
        off.ConfirmationCheckAfter = null;
        h.Settings.Set(off);

        await h.Runtime.SyncAsync();
        Assert.Empty(h.Tracked(id)!.Outbox); // dropped at once, not kept until its time
        await LaterAsync(h, After);

        Assert.Equal(0, ReadBacks(h));
        Assert.Single(h.Amazon.ConfirmationCalls);
        Assert.Equal(PackageVerification.NotChecked, PackageOf(h, id).Verification);
    }

    [Fact]
    public async Task AmazonCancelsWhileACheckIsScheduled_TheCheckIsDropped_NothingReadOrSent()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        h.Amazon.DropAcceptedConfirmations(1, id);
        await h.Runtime.RecordShipmentAsync(First(id));

        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Canceled, 5));
        await LaterAsync(h, After);

        Assert.Equal(0, ReadBacks(h));
        Assert.DoesNotContain(h.Tracked(id)!.Outbox, e => e.Effect is VerifyShipment);
        Assert.Single(h.Amazon.ConfirmationCalls);
    }

    [Fact]
    public async Task ReadBackRefused_PackagesNotJudged_OrderShowsWhy_CheckedAgainLater()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        await h.Runtime.RecordShipmentAsync(First(id));
        h.Faults.Add("amazon", "GetConfirmedPackages", FaultMode.Permanent, 1);

        await LaterAsync(h, After);

        var failed = h.Tracked(id)!;
        Assert.Equal(ProblemCodes.ConfirmationCheckFailed, failed.ErrorCode);
        Assert.Contains("Reading the packages back from Amazon failed", failed.Error, StringComparison.Ordinal);
        Assert.Equal(ConfirmationState.Confirmed, PackageOf(h, id).Confirmation); // nothing resent on a failed read
        Assert.Single(h.Amazon.ConfirmationCalls);
        Assert.Equal(h.Clock.GetUtcNow() + After, Assert.IsType<VerifyShipment>(Assert.Single(failed.Outbox).Effect).DueAt);

        await LaterAsync(h, After);
        Assert.Equal(PackageVerification.OnAmazon, PackageOf(h, id).Verification);
        Assert.Null(h.Tracked(id)!.Error);
        Assert.Empty(h.Tracked(id)!.Outbox);
    }

    [Fact]
    public async Task AmazonSpellsTheIdOtherwise_StillTheSamePackage()
    {
        var h = Checked();
        var runtime = new AmazonFulfillment.Runtime.FulfillmentRuntime(new ZeroPaddedIds(h.Amazon), h.Commerce, h.Customers, h.Store, h.Settings, h.Options, h.Clock);
        var id = h.Known(1);
        await runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        await runtime.RecordShipmentAsync(First(id));

        h.Clock.Advance(After);
        await runtime.SyncAsync();

        Assert.Equal(PackageVerification.OnAmazon, PackageOf(h, id).Verification);
        Assert.Single(h.Amazon.ConfirmationCalls);
    }

    [Fact]
    public async Task AmazonReportsShippedButListsNoPackage_Inconclusive_NothingResent()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        await h.Runtime.RecordShipmentAsync(First(id));
        await h.Runtime.RecordShipmentAsync(Second(id));
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Shipped, 5));

        var runtime = new AmazonFulfillment.Runtime.FulfillmentRuntime(new ListsNoPackages(h.Amazon), h.Commerce, h.Customers, h.Store, h.Settings, h.Options, h.Clock);
        h.Clock.Advance(After);
        await runtime.SyncAsync();

        Assert.Equal(2, h.Amazon.ConfirmationCalls.Count);
        Assert.All(h.Tracked(id)!.Packages, p => Assert.Equal((ConfirmationState.Confirmed, 0), (p.Confirmation, p.Resends)));
        Assert.Empty(h.Tracked(id)!.Outbox);
    }

    [Fact]
    public async Task ImportOffWhenFoundMissing_NotSentAgain_ShownWithTheReason()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        h.Amazon.DropAcceptedConfirmations(1, id);
        await h.Runtime.RecordShipmentAsync(First(id));
        var off = h.Settings.CurrentValue.Clone();
        off.ImportOrders = false;
        h.Settings.Set(off);

        await LaterAsync(h, After);

        var package = PackageOf(h, id);
        Assert.Equal((ConfirmationState.Failed, PackageVerification.NotOnAmazon), (package.Confirmation, package.Verification));
        Assert.Contains("not sent again while the order's import setting is off", package.FailureReason, StringComparison.Ordinal);
        Assert.Equal(ProblemCodes.ConfirmationNotKeptByAmazon, h.Tracked(id)!.ErrorCode);
        Assert.Single(h.Amazon.ConfirmationCalls);
    }

    [Fact]
    public async Task ResendRefusedByAmazon_AnOrdinaryRefusal_NotALostPackage()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        h.Amazon.DropAcceptedConfirmations(1, id);
        await h.Runtime.RecordShipmentAsync(First(id));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Permanent, 1);

        await LaterAsync(h, After);

        var refused = PackageOf(h, id);
        Assert.Equal((ConfirmationState.Failed, PackageVerification.NotChecked, 1), (refused.Confirmation, refused.Verification, refused.Resends));
        Assert.Equal(ProblemCodes.ConfirmationRefusedByAmazon, h.Tracked(id)!.ErrorCode);
    }

    [Fact]
    public async Task ProcessDiesAfterTheReadBeforeItsSave_ReadAgainAtTheNextSync_SentAgainOnce()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        h.Amazon.DropAcceptedConfirmations(1, id);
        await h.Runtime.RecordShipmentAsync(First(id));
        h.Clock.Advance(After);
        h.Faults.Add("store", "Save", FaultMode.Transient, h.Options.MaxStoreAttempts); // the read's outcome never lands

        Assert.Contains(await h.Runtime.SyncAsync(), r => r.Failed);
        Assert.Equal(1, ReadBacks(h));
        Assert.Single(h.Amazon.ConfirmationCalls); // nothing sent on an outcome that was not saved
        h.Restart();
        await LaterAsync(h, TimeSpan.FromMinutes(1));

        Assert.Equal(2, ReadBacks(h));
        Assert.Equal(2, h.Amazon.ConfirmationCalls.Count);
        Assert.Equal(1, PackageOf(h, id).Resends);
        Assert.Single(h.Amazon.Confirmations);
    }

    [Fact]
    public async Task ResendWithItsResponseLost_RetriedUnderTheSameId_AmazonHoldsOnePackage()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        h.Amazon.DropAcceptedConfirmations(1, id);
        await h.Runtime.RecordShipmentAsync(First(id));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.LostResponse, 1);

        await LaterAsync(h, After);
        await LaterAsync(h, After);

        var held = Assert.Single(h.Amazon.Confirmations);
        Assert.Equal(2, held.Calls); // the resend and its retry: one package on Amazon
        Assert.Equal((PackageVerification.OnAmazon, 1), (PackageOf(h, id).Verification, PackageOf(h, id).Resends));
    }

    [Fact]
    public async Task TwoHostsSweepWhenTheCheckIsDue_AmazonHoldsThePackageOnce_ResentOnce()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        h.Amazon.DropAcceptedConfirmations(1, id);
        await h.Runtime.RecordShipmentAsync(First(id));
        var other = h.Worker();
        h.Clock.Advance(After);

        await Task.WhenAll(h.Runtime.SyncAsync(), other.SyncAsync());
        await LaterAsync(h, After);

        Assert.Single(h.Amazon.Confirmations);
        Assert.Single(h.Amazon.DroppedConfirmations);
        Assert.Equal((ConfirmationState.Confirmed, PackageVerification.OnAmazon, 1), (PackageOf(h, id).Confirmation, PackageOf(h, id).Verification, PackageOf(h, id).Resends));
        Assert.Empty(h.Tracked(id)!.Outbox);
    }

    [Fact]
    public async Task MalformedReadBack_AContractBreak_PackagesNotJudged_NothingResent()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        h.Amazon.DropAcceptedConfirmations(1, id);
        await h.Runtime.RecordShipmentAsync(First(id));
        h.Faults.Add("amazon", "GetConfirmedPackages", FaultMode.Malformed, 1);

        await LaterAsync(h, After);

        var order = h.Tracked(id)!;
        Assert.Equal(ProblemCodes.ConfirmationCheckFailed, order.ErrorCode);
        Assert.Equal(ProblemCodes.PortContractBroken, order.Failures.Last().Code);
        Assert.Equal((ConfirmationState.Confirmed, PackageVerification.NotChecked), (PackageOf(h, id).Confirmation, PackageOf(h, id).Verification));
        Assert.Single(h.Amazon.ConfirmationCalls);
    }

    /// <summary>An Amazon that spells package reference ids with leading zeros.</summary>
    private sealed class ZeroPaddedIds(InMemoryAmazon inner) : Forwarding(inner)
    {
        public override async ValueTask<PortResult<ImmutableArray<string>>> GetConfirmedPackagesAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default)
        {
            var read = await Inner.GetConfirmedPackagesAsync(amazonOrderId, cancellationToken);
            return read.IsSuccess ? PortResult<ImmutableArray<string>>.Ok([.. read.Value.Select(v => "00" + v)]) : read;
        }
    }

    /// <summary>An Amazon whose read-back lists no package at all.</summary>
    private sealed class ListsNoPackages(InMemoryAmazon inner) : Forwarding(inner)
    {
        public override ValueTask<PortResult<ImmutableArray<string>>> GetConfirmedPackagesAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(PortResult<ImmutableArray<string>>.Ok([]));
    }

    private abstract class Forwarding(InMemoryAmazon inner) : IAmazonOrdersPort, IAmazonPackagesPort
    {
        protected InMemoryAmazon Inner => inner;

        public ValueTask<PortResult<ImmutableArray<AmazonOrderItem>>> GetOrderItemsAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) =>
            inner.GetOrderItemsAsync(amazonOrderId, cancellationToken);

        public ValueTask<PortResult> ConfirmShipmentAsync(ShipmentPackage package, MarketplaceId? marketplaceId, CancellationToken cancellationToken = default) =>
            inner.ConfirmShipmentAsync(package, marketplaceId, cancellationToken);

        public ValueTask<PortResult> CancelOrderAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken = default) =>
            inner.CancelOrderAsync(amazonOrderId, reason, cancellationToken);

        public abstract ValueTask<PortResult<ImmutableArray<string>>> GetConfirmedPackagesAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default);
    }

    [Fact]
    public async Task ThrottledReadBack_IsRetried_AndTheCheckStaysScheduledUntilItAnswers()
    {
        var h = Checked();
        var id = await ImportedAsync(h);
        await h.Runtime.RecordShipmentAsync(First(id));
        h.Faults.Add("amazon", "GetConfirmedPackages", FaultMode.Throttled, count: 2 * h.Options.MaxEffectAttempts); // two runs' attempts

        await LaterAsync(h, After);
        Assert.IsType<VerifyShipment>(Assert.Single(h.Tracked(id)!.Outbox).Effect);
        Assert.Equal(PackageVerification.NotChecked, PackageOf(h, id).Verification);
        Assert.Equal(1, await h.Runtime.ResumeAsync()); // due and still throttled: work left, not idle

        await h.Runtime.SyncAsync();
        Assert.Equal(PackageVerification.OnAmazon, PackageOf(h, id).Verification);
        Assert.Single(h.Amazon.ConfirmationCalls);
    }

    /// <summary>
    /// Exactly once in effect: whatever Amazon drops, however the syncs fall in time, and with throttled or failing calls and restarts
    /// in between, every package ends held by Amazon once (sent again exactly once per drop, never after Amazon held it), or, dropped
    /// more times than the resends allow, shown refused and not on Amazon.
    /// </summary>
    [WorkflowProperty(40)]
    public bool DroppedConfirmations_EndSentOnceInEffect_OrShownRefused(int[] plan)
    {
        plan ??= [];
        int At(int i, int modulo) => plan.Length == 0 ? 0 : Math.Abs(plan[i % plan.Length] % modulo);
        var resends = At(0, 3);
        var h = Checked(resends);
        var ids = Enumerable.Range(1, 1 + At(1, 3)).Select(n => h.Known(n)).ToList();
        RunAsync().GetAwaiter().GetResult();
        return Holds();

        async Task RunAsync()
        {
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
                if (At(2 + i, 4) is > 0 and var drops)
                {
                    h.Amazon.DropAcceptedConfirmations(drops, id);
                }

                await h.Runtime.RecordShipmentAsync(First(id));
                h.Clock.Advance(TimeSpan.FromMinutes(At(5 + i, 20)));
                await h.Runtime.RecordShipmentAsync(Second(id));
            }

            for (var step = 0; step < plan.Length && step < 30; step++)
            {
                switch (At(step + 8, 6))
                {
                    case 0:
                        h.Faults.Add("amazon", "GetConfirmedPackages", FaultMode.Transient, 1 + At(step, 3));
                        break;
                    case 1:
                        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Throttled, 1 + At(step, 3));
                        break;
                    case 2:
                        h.Restart();
                        break;
                }

                h.Clock.Advance(TimeSpan.FromMinutes(At(step + 3, 50)));
                await h.Runtime.SyncAsync();
            }

            // The host keeps syncing: until the scripted faults are spent, then long enough for every check and resend.
            for (int round = 0, quiet = 0; round < 60 && quiet <= 3 * (resends + 2); round++)
            {
                quiet += h.Faults.PendingFaults == 0 ? 1 : 0;
                h.Clock.Advance(TimeSpan.FromHours(1));
                await h.Runtime.SyncAsync();
            }
        }

        bool Holds()
        {
            foreach (var id in ids)
            {
                var order = h.Tracked(id)!;
                if (!order.Outbox.IsEmpty)
                {
                    return false;
                }

                foreach (var p in order.Packages)
                {
                    var key = (id, p.Package.PackageReferenceId);
                    var dropped = h.Amazon.DroppedConfirmations.Count(d => (d.AmazonOrderId, d.PackageReferenceId) == key);
                    var calls = h.Amazon.ConfirmationCalls.Count(c => c.Accepted && (c.Package.AmazonOrderId, c.Package.PackageReferenceId) == key);
                    var held = h.Amazon.Confirmations.Where(c => (c.Package.AmazonOrderId, c.Package.PackageReferenceId) == key).ToList();
                    var ok = held.Count == 1
                        ? held[0].Calls == 1 && p is { Confirmation: ConfirmationState.Confirmed, Verification: PackageVerification.OnAmazon }
                            && p.Resends == dropped && calls == dropped + 1 && dropped <= resends
                        : held.Count == 0 && p is { Confirmation: ConfirmationState.Failed, Verification: PackageVerification.NotOnAmazon }
                            && dropped == resends + 1 && calls == dropped;
                    if (!ok)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
