namespace AmazonFulfillment.Workflows;

/// <summary>The triggers of the workflow graphs: what an input means for the state machine.</summary>
public enum OrderTrigger
{
    /// <summary>Amazon reports Pending or PendingAvailability.</summary>
    ObservedPending,

    /// <summary>Amazon reports Unshipped.</summary>
    ObservedUnshipped,

    /// <summary>Amazon reports PartiallyShipped.</summary>
    ObservedPartiallyShipped,

    /// <summary>Amazon reports Shipped or InvoiceUnconfirmed.</summary>
    ObservedShipped,

    /// <summary>Amazon reports Canceled.</summary>
    ObservedCanceled,

    /// <summary>Amazon reports Unfulfillable.</summary>
    ObservedUnfulfillable,

    /// <summary>The order's lines were fetched.</summary>
    ItemsFetched,

    /// <summary>The buyer's customer account was found or created.</summary>
    CustomerFound,

    /// <summary>The Commerce order exists.</summary>
    CommerceCreated,

    /// <summary>Commerce refused to create the order.</summary>
    CommerceRefused,

    /// <summary>The merchant shipped a package.</summary>
    Shipment,

    /// <summary>The merchant cancels.</summary>
    MerchantCancel,

    /// <summary>The merchant retries a blocked import.</summary>
    Retry,

    /// <summary>A sync cycle ended.</summary>
    Sync,

    /// <summary>Amazon accepted the merchant's cancellation.</summary>
    AmazonCancelAccepted,
}

/// <summary>The facts a guard may look at, computed from the order after the input's data is applied.</summary>
/// <param name="ImportEnabled">Commerce orders are created for this channel (ImportOrders, and ImportFbaOrders for FBA).</param>
/// <param name="UnderAttemptCap">Automatic import attempts are below MaxImportAttempts.</param>
/// <param name="InCommerce">The Commerce order exists.</param>
/// <param name="AllShipped">Every line is shipped.</param>
/// <param name="AnyShipped">Some unit is shipped.</param>
public readonly record struct GuardFacts(bool ImportEnabled, bool UnderAttemptCap, bool InCommerce, bool AllShipped, bool AnyShipped);

/// <summary>A named condition on a transition; the description is what the diagrams and refusals show.</summary>
/// <param name="Description">The condition in words.</param>
/// <param name="Test">The condition.</param>
public sealed record Guard(string Description, Func<GuardFacts, bool> Test)
{
    /// <summary>Commerce orders are created for this channel.</summary>
    public static Guard ImportEnabled { get; } = new("import enabled", f => f.ImportEnabled);

    /// <summary>A blocked import may be retried automatically: import is enabled and automatic attempts remain.</summary>
    public static Guard AutomaticRetry { get; } = new("import enabled and attempts below MaxImportAttempts", f => f.ImportEnabled && f.UnderAttemptCap);

    /// <summary>A blocked import is not retried automatically: import is off, or no automatic attempts remain.</summary>
    public static Guard NoAutomaticRetry { get; } = new("import disabled or MaxImportAttempts reached", f => !f.ImportEnabled || !f.UnderAttemptCap);

    /// <summary>Orders of this channel are only tracked.</summary>
    public static Guard ImportDisabled { get; } = new("import disabled", f => !f.ImportEnabled);

    /// <summary>Automatic attempts remain.</summary>
    public static Guard UnderAttemptCap { get; } = new("attempts below MaxImportAttempts", f => f.UnderAttemptCap);

    /// <summary>No automatic attempts remain.</summary>
    public static Guard AttemptCapReached { get; } = new("MaxImportAttempts reached", f => !f.UnderAttemptCap);

    /// <summary>The Commerce order exists.</summary>
    public static Guard InCommerce { get; } = new("Commerce order exists", f => f.InCommerce);

    /// <summary>Every line is shipped.</summary>
    public static Guard AllShipped { get; } = new("every item shipped", f => f.AllShipped);

    /// <summary>Some lines remain and some unit shipped.</summary>
    public static Guard PartlyShipped { get; } = new("some items shipped, some remain", f => f.AnyShipped && !f.AllShipped);

    /// <summary>Nothing shipped.</summary>
    public static Guard NothingShipped { get; } = new("nothing shipped", f => !f.AnyShipped && !f.AllShipped);

    /// <summary>Lines remain unshipped.</summary>
    public static Guard ItemsRemain { get; } = new("items remain unshipped", f => !f.AllShipped);

    /// <summary>Every guard, by description (the compiled table finds guards through their descriptions).</summary>
    internal static IReadOnlyDictionary<string, Guard> All { get; } = new[]
    {
        ImportEnabled, ImportDisabled, AutomaticRetry, NoAutomaticRetry, UnderAttemptCap, AttemptCapReached, InCommerce, AllShipped, PartlyShipped, NothingShipped, ItemsRemain,
    }.ToDictionary(g => g.Description, StringComparer.Ordinal);
}
