using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.Testing;
using AmazonFulfillment.Workflows;

namespace AmazonFulfillment.Verification.Guarantees;

public sealed partial class GuaranteeOracle
{
    /// <summary>What one check reads: the channel as it is now.</summary>
    private sealed class View
    {
        public View(GuaranteeOracle oracle, IReadOnlyCollection<StoredOrder> orders, bool quiet)
        {
            Quiet = quiet;
            Settings = oracle._settings;
            Stored = [];
            foreach (var s in orders)
            {
                Stored[s.Order.Id] = s;
            }

            Commerce = oracle._commerce.Orders;
            CommerceById = [];
            foreach (var c in Commerce)
            {
                CommerceById[c.AmazonOrderId] = c;
                oracle.AddBuyerData(c.Request.Buyer);
                oracle.AddBuyerData(c.Request.ShippingAddress);
            }

            Customers = oracle._customers.Customers;
            Confirmations = oracle._amazon.Confirmations;
            ConfirmationCalls = oracle._amazon.ConfirmationCalls;
            Cancellations = oracle._amazon.Cancellations;
            CancellationCalls = oracle._amazon.CancellationCalls;
            CanceledByAmazon = [.. Cancellations.Select(c => c.AmazonOrderId)];
        }

        public bool Quiet { get; }

        public OrderSettings Settings { get; }

        public Dictionary<AmazonOrderId, StoredOrder> Stored { get; }

        public IReadOnlyList<CommerceOrderRecord> Commerce { get; }

        public Dictionary<AmazonOrderId, CommerceOrderRecord> CommerceById { get; }

        public IReadOnlyList<CustomerRecord> Customers { get; }

        public IReadOnlyList<AcceptedConfirmation> Confirmations { get; }

        public IReadOnlyList<ConfirmationCall> ConfirmationCalls { get; }

        public IReadOnlyList<AcceptedCancellation> Cancellations { get; }

        public IReadOnlyList<AmazonOrderId> CancellationCalls { get; }

        /// <summary>The orders whose cancellation Amazon accepted.</summary>
        public HashSet<AmazonOrderId> CanceledByAmazon { get; }

        public IEnumerable<FulfillmentOrder> Orders => Stored.Values.Select(s => s.Order);
    }
}
