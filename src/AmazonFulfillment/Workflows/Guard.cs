namespace AmazonFulfillment.Workflows;

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
}
