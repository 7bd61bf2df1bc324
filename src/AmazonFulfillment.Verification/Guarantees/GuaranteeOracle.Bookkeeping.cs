using System.Globalization;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>What the oracle remembers between checks: facts per order, violations found, fault counts, and the marks it compares against.</summary>
public sealed partial class GuaranteeOracle
{
    private OrderFacts FactsOf(AmazonOrderId id)
    {
        if (!_facts.TryGetValue(id, out var facts))
        {
            facts = new OrderFacts();
            _facts[id] = facts;
        }

        return facts;
    }

    private void Add(int guarantee, AmazonOrderId? id, string message)
    {
        lock (_gate)
        {
            AddLocked(new GuaranteeViolation(guarantee, id, message));
        }
    }

    private void AddLocked(GuaranteeViolation violation)
    {
        if (_reported.Add(violation.ToString()))
        {
            _pending.Add(violation);
            _all.Add(violation);
        }
    }

    private int FaultsLocked(string port, string operation, params FaultMode[] modes) =>
        modes.Sum(m => _faults.GetValueOrDefault((port, operation, m)));

    private int StoreFaultsLocked() =>
        _faults.Where(f => f.Key.Port == "store").Sum(f => f.Value) + _poisoned.Count;

    private static bool ImportEnabled(OrderSettings settings, FulfillmentChannel channel) =>
        settings.ImportOrders && (channel == FulfillmentChannel.Merchant || settings.ImportFbaOrders);

    private static bool HeldBy(OrderEffect effect, FulfillmentChannel channel, OrderSettings settings) =>
        (effect.ChangesAmazon && settings.ReadOnly) || (effect.Imports && !ImportEnabled(settings, channel));

    private static string Key(AmazonOrderId id, string suffix) => id.Value + ":" + suffix;

    private static bool HasFailure(FulfillmentOrder order, string suffix) =>
        order.Failures.Any(f => f.IdempotencyKey == Key(order.Id, suffix));

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a code is absent (<see langword="null"/>) or one of the catalog's.</summary>
    private static bool IsCatalogCode(string? code) => code is null || ProblemCodes.Describe(code) is not null;

    private sealed class OrderFacts
    {
        public FulfillmentChannel? Channel { get; set; }

        public bool ReportedAny { get; set; }

        public bool ReportedShipped { get; set; }

        public bool ReportedEmail { get; set; }

        public DateTimeOffset? AppliedDate { get; set; }

        public AmazonOrderStatus? AppliedStatus { get; set; }

        public HashSet<OrderTrigger> AppliedTriggers { get; } = [];

        public HashSet<PackageReferenceId> AppliedPackages { get; } = [];

        public int MerchantCancelsApplied { get; set; }

        /// <summary>The order's Amazon calls when the oracle first saw it Canceled by Amazon: (confirmations, cancellations).</summary>
        public (int Confirmations, int Cancellations)? CanceledMark { get; set; }

        public HashSet<PackageReferenceId> EverRefused { get; } = [];
    }

    private sealed record Before(StoredOrder? Stored, AmazonMark Amazon, int CommerceOrders, int Customers, OrderSettings Settings);

    /// <summary>State-changing Amazon calls so far: counted by the injector (every attempt) and recorded by the fake (those that reached it).</summary>
    private sealed record AmazonMark(int Calls, int ConfirmationCalls, int CancellationCalls)
    {
        public static AmazonMark Of(InMemoryAmazon amazon) => new(
            amazon.Faults.CallsOf("amazon", "ConfirmShipment") + amazon.Faults.CallsOf("amazon", "CancelOrder"),
            amazon.ConfirmationCalls.Count,
            amazon.CancellationCalls.Count);
    }

    /// <summary>Import calls and Commerce orders so far.</summary>
    private sealed record ImportMark(int CreateOrderCalls, int CustomerCalls, HashSet<AmazonOrderId> CommerceOrders)
    {
        public static ImportMark Of(InMemoryCommerce commerce, InMemoryCustomers customers) => new(
            commerce.Faults.CallsOf("commerce", "CreateOrder"),
            customers.Faults.CallsOf("customers", "FindCustomer") + customers.Faults.CallsOf("customers", "CreateCustomer"),
            [.. commerce.Orders.Select(o => o.AmazonOrderId)]);
    }
}
