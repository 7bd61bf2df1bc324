using AmazonFulfillment.Testing.SellingPartner;

namespace AmazonFulfillment.WorkerSample;

/// <summary>
/// What the fake Amazon plays, one step per poll: step 1, an MFN order is placed (Pending), a second MFN order is already
/// Unshipped and an FBA order is placed (Pending: the library ignores it); step 2, the first order is verified (Unshipped),
/// Amazon ships the FBA order, and an MFN order arrives for a product the warehouse has run out of (it is cancelled);
/// afterwards, nothing new.
/// </summary>
internal static class FakeAmazonScript
{
    /// <summary>The SKU the warehouse cannot ship: its orders are cancelled on Amazon with reason NoInventory.</summary>
    public const string BackorderedSku = "NABetaASINB00551Q3CV";

    /// <summary>The orders the script places, all of which the library ends up tracking.</summary>
    public static readonly IReadOnlyList<string> OrderIds = ["902-1845936-5435065", "902-3159896-1390916", "304-8827451-6309142", "902-7731408-2210057"];

    public static void Install(FakeAmazon amazon) => amazon.Script(
        a =>
        {
            a.PlaceOrder(new FakeOrder("902-1845936-5435065", "Pending", true, [new("05015851154158", "NABetaASINB00551Q3CS", 2, 10.00m)]));
            a.PlaceOrder(new FakeOrder("902-3159896-1390916", "Unshipped", true, [new("54601587321074", "NABetaASINB00551Q3CT", 1, 5.50m)])
            {
                BuyerEmail = "buyer-1390916@marketplace.amazon.com",
            });
            a.PlaceOrder(new FakeOrder("304-8827451-6309142", "Pending", false, [new("66207319458102", "NABetaASINB00551Q3CU", 3, 12.00m)]));
        },
        a =>
        {
            a.SetStatus("902-1845936-5435065", "Unshipped");
            a.SetStatus("304-8827451-6309142", "Shipped");
            a.PlaceOrder(new FakeOrder("902-7731408-2210057", "Unshipped", true, [new("71028853140206", BackorderedSku, 1, 24.00m)]));
        });
}
