namespace AmazonFulfillment.Workflows;

/// <summary>The facts a guard may look at, computed from the order after the input's data is applied.</summary>
/// <param name="ImportEnabled">Commerce orders are created for this channel (ImportOrders, and ImportFbaOrders for FBA).</param>
/// <param name="UnderAttemptCap">Automatic import attempts are below MaxImportAttempts.</param>
/// <param name="InCommerce">The Commerce order exists.</param>
/// <param name="AllShipped">Every line is shipped.</param>
/// <param name="AnyShipped">Some unit is shipped.</param>
public readonly record struct GuardFacts(bool ImportEnabled, bool UnderAttemptCap, bool InCommerce, bool AllShipped, bool AnyShipped);
