namespace AmazonFulfillment.Runtime;

/// <summary>How the runtime retries and how much it runs at once.</summary>
public sealed class FulfillmentRuntimeOptions
{
    /// <summary>Gets or sets how many times one effect is attempted in a row before it is left pending for the next sweep.</summary>
    /// <value>Default 5; 1 to 100.</value>
    public int MaxEffectAttempts { get; set; } = 5;

    /// <summary>Gets or sets the first retry delay; each further retry doubles it, with jitter.</summary>
    /// <value>Default 1 second.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest retry delay.</summary>
    /// <value>Default 1 minute.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many times a decision is retried after version conflicts before giving up.</summary>
    /// <value>Default 25.</value>
    public int MaxConflictRetries { get; set; } = 25;

    /// <summary>Gets or sets how many times a failing store call is attempted.</summary>
    /// <value>Default 5.</value>
    public int MaxStoreAttempts { get; set; } = 5;

    /// <summary>Gets or sets how many orders are processed at once by batch operations (observations, sweeps, resume).</summary>
    /// <value>Default 4.</value>
    public int MaxParallelOrders { get; set; } = 4;

    /// <summary>
    /// Gets or sets how long a sweep's claim on an order lasts when the store implements
    /// <see cref="Ports.IOrderClaims"/>; a host that stops holds its claims this long at most.
    /// </summary>
    /// <value>Default 5 minutes; more than zero. Longer than a sweep of one batch takes.</value>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how many orders a sweep claims at a time when the store implements <see cref="Ports.IOrderClaims"/>.</summary>
    /// <value>Default 100; 1 to 10,000.</value>
    public int ClaimBatchSize { get; set; } = 100;

    /// <summary>
    /// Gets the Amazon stores this host runs besides <see cref="Domain.AmazonStores.Default"/>, each with its own named
    /// <see cref="Domain.OrderSettings"/> (the options name is the store name). An order of a store not listed here is refused
    /// instead of being decided with another store's settings.
    /// </summary>
    /// <value>Empty by default: one store, the default one, whose settings are the unnamed <see cref="Domain.OrderSettings"/>.</value>
    public IList<string> AmazonStores { get; } = new List<string>();

    /// <summary>Lists every problem with these options; empty when valid.</summary>
    /// <returns>One message per problem, each naming its option.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxEffectAttempts is < 1 or > 100)
        {
            problems.Add($"MaxEffectAttempts {MaxEffectAttempts} must be between 1 and 100.");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            problems.Add($"RetryBaseDelay {RetryBaseDelay} must be zero or more and RetryMaxDelay {RetryMaxDelay} at least as long.");
        }

        if (MaxConflictRetries < 1)
        {
            problems.Add($"MaxConflictRetries {MaxConflictRetries} must be at least 1.");
        }

        if (MaxStoreAttempts < 1)
        {
            problems.Add($"MaxStoreAttempts {MaxStoreAttempts} must be at least 1.");
        }

        if (MaxParallelOrders is < 1 or > 1024)
        {
            problems.Add($"MaxParallelOrders {MaxParallelOrders} must be between 1 and 1024.");
        }

        if (ClaimLease <= TimeSpan.Zero)
        {
            problems.Add($"ClaimLease {ClaimLease} must be more than zero.");
        }

        if (ClaimBatchSize is < 1 or > 10_000)
        {
            problems.Add($"ClaimBatchSize {ClaimBatchSize} must be between 1 and 10000.");
        }

        foreach (var store in AmazonStores)
        {
            if (Domain.AmazonStores.Problem(store) is { } problem)
            {
                problems.Add($"AmazonStores: the store name {problem}");
            }
        }

        if (AmazonStores.Distinct(StringComparer.Ordinal).Count() != AmazonStores.Count)
        {
            problems.Add("AmazonStores lists a store twice.");
        }

        return problems;
    }
}
