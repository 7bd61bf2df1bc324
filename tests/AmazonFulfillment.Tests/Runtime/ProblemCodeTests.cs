using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Storage;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Tests.Support;
using AmazonFulfillment.Workflows;
using static AmazonFulfillment.Tests.Support.RuntimeScenario;

namespace AmazonFulfillment.Tests.Runtime;

/// <summary>
/// What a host sees carries a stable code beside its message: a refusal (and its log entry), an order's error and its
/// failures, a contract-breaking port answer, and the exceptions the runtime throws or reports.
/// </summary>
public class ProblemCodeTests
{
    [Fact]
    public async Task Observe_UnknownAmazonStore_RefusedWithItsCodeAndLogged()
    {
        var log = new CapturingLogger();
        var h = Channel(loggerFactory: log);
        var id = h.Known(1);

        var result = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1) with { AmazonStore = "amazon.de" });

        Assert.Equal(DecisionKind.Refused, result.Kind);
        Assert.Equal(ProblemCodes.AmazonStoreNotConfigured, result.Refusal!.Code);
        Assert.Equal("AmazonStore", result.Refusal.Field);
        Assert.Contains(log.Entries, e => e.Contains($"refused ({ProblemCodes.AmazonStoreNotConfigured}): Amazon store 'amazon.de'", StringComparison.Ordinal));
        Assert.Equal(0, h.OrderStore.Count);
    }

    [Fact]
    public async Task SyncStore_UnknownAmazonStore_ThrowsWithTheSameCode()
    {
        var h = Channel();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => h.Runtime.SyncStoreAsync("amazon.de"));

        Assert.Equal(ProblemCodes.AmazonStoreNotConfigured, ProblemCodes.Of(error));
        Assert.Equal("amazonStore", error.ParamName);
    }

    [Fact]
    public async Task CreateOrder_SuccessWithoutAnOrder_BlockedAsAContractBreakWithItsCode()
    {
        var h = Channel();
        var id = h.Known(1);
        h.Faults.Add("commerce", "CreateOrder", FaultMode.Malformed);

        var result = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));

        Assert.Equal(OrderState.Blocked, result.Order!.State);
        Assert.Equal(ProblemCodes.PortContractBroken, result.Order.ErrorCode);
        Assert.Contains("breaks the port's contract", result.Order.Error, StringComparison.Ordinal);
        Assert.Equal(ProblemCodes.PortContractBroken, result.Order.Failures[^1].Code);
    }

    [Fact]
    public async Task ConfirmShipment_StatusThatDoesNotExist_PackageRefusedFailureCodedAsAContractBreak()
    {
        var h = Channel();
        var id = h.Known(1);
        await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        h.Faults.Add("amazon", "ConfirmShipment", FaultMode.Malformed);

        var result = await h.Runtime.RecordShipmentAsync(First(id));

        Assert.Equal(ConfirmationState.Failed, Assert.Single(result.Order!.Packages).Confirmation);
        Assert.Equal(ProblemCodes.ConfirmationRefusedByAmazon, result.Order.ErrorCode);
        Assert.Equal(ProblemCodes.PortContractBroken, Assert.Single(result.Order.Failures).Code);
    }

    [Fact]
    public async Task GetOrderItems_Rejected_ImportBlockedWithTheStepsCodeClearedByASuccessfulRetry()
    {
        var h = Channel();
        var id = h.Known(1);
        h.Faults.Add("amazon", "GetOrderItems", FaultMode.Permanent, 1);

        var blocked = await h.Runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1));
        Assert.Equal(OrderState.Blocked, blocked.Order!.State);
        Assert.Equal(ProblemCodes.ImportStepRejected, blocked.Order.ErrorCode);

        var retried = await h.Runtime.RetryAsync(id);

        Assert.Equal(OrderState.Unshipped, retried.Order!.State);
        Assert.Null(retried.Order.ErrorCode);
        Assert.Equal(ProblemCodes.ImportStepRejected, Assert.Single(retried.Order.Failures).Code);
    }

    [Fact]
    public async Task Save_AlwaysLosingToAnotherWriter_ConflictExceptionCarriesItsCode()
    {
        var h = Channel();
        var id = h.Known(1);
        var runtime = new FulfillmentRuntime(h.Amazon, h.Commerce, h.Customers, new AlwaysConflicting(h.OrderStore), h.Settings, h.Options, h.Clock);

        var error = await Assert.ThrowsAsync<OrderConflictException>(() => runtime.ObserveAsync(Snapshot(id, AmazonOrderStatus.Unshipped, 1)));

        Assert.Equal(ProblemCodes.StoreConflictRetriesExhausted, error.Code);
        Assert.Equal(ProblemCodes.StoreConflictRetriesExhausted, ProblemCodes.Of(error));
    }

    [Fact]
    public void StoreExceptions_EveryConstructor_CarriesTheCode()
    {
        Exception[] store = [new OrderStoreException(), new OrderStoreException("m"), new OrderStoreException("m", new InvalidOperationException())];
        Exception[] conflict = [new OrderConflictException(), new OrderConflictException("m"), new OrderConflictException("m", new InvalidOperationException())];

        Assert.All(store, e => Assert.Equal(ProblemCodes.StoreSaveFailed, ProblemCodes.Of(e)));
        Assert.All(conflict, e => Assert.Equal(ProblemCodes.StoreConflictRetriesExhausted, ProblemCodes.Of(e)));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"id":"not an order id"}""")]
    [InlineData("null")]
    public void Deserialize_UnreadableDocument_JsonExceptionCarriesTheDocumentCode(string json)
    {
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() => OrderDocumentSerializer.Deserialize(json));

        Assert.Equal(ProblemCodes.StoreDocumentInvalid, ProblemCodes.Of(error));
    }

    [Fact]
    public void Problems_ThrowIfAny_ExceptionAndMessageCarryTheCode()
    {
        Problems.ThrowIfAny([], "test options", "options", ProblemCodes.SettingsOptionsInvalid);

        var error = Assert.Throws<ArgumentException>(() => Problems.ThrowIfAny(["Size must be positive."], "test options", "options", ProblemCodes.SettingsOptionsInvalid));

        Assert.Equal(ProblemCodes.SettingsOptionsInvalid, ProblemCodes.Of(error));
        Assert.Equal("Invalid test options: Size must be positive. (settings.options_invalid)", Problems.Message("test options", ["Size must be positive."], ProblemCodes.SettingsOptionsInvalid));
        Assert.StartsWith("Invalid test options: Size must be positive. (settings.options_invalid)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attach_ThenOf_ReadsTheCode_AndAnExceptionOfOthersHasNone()
    {
        var error = ProblemCodes.Attach(ProblemCodes.UsageInvalidArgument, new ArgumentException("x"));

        Assert.Equal(ProblemCodes.UsageInvalidArgument, ProblemCodes.Of(error));
        Assert.Null(ProblemCodes.Of(new InvalidOperationException()));
        Assert.Null(ProblemCodes.Describe("no.such_code"));
    }

    /// <summary>A store where another writer always saved first.</summary>
    private sealed class AlwaysConflicting(IOrderStore inner) : IOrderStore
    {
        public ValueTask<StoredOrder?> LoadAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken = default) => inner.LoadAsync(amazonOrderId, cancellationToken);

        public ValueTask<long?> SaveAsync(FulfillmentOrder order, long expectedVersion, CancellationToken cancellationToken = default) => ValueTask.FromResult<long?>(null);

        public ValueTask<IReadOnlyList<AmazonOrderId>> ListUnfinishedAsync(CancellationToken cancellationToken = default) => inner.ListUnfinishedAsync(cancellationToken);
    }
}
