namespace AmazonFulfillment.EntityFrameworkCore;

/// <summary>How the EF Core order store keeps its orders.</summary>
public sealed class EntityFrameworkCoreOrderStoreOptions
{
    /// <summary>The default orders table.</summary>
    public const string DefaultOrdersTable = "amazon_fulfillment_orders";

    /// <summary>The default cursors table.</summary>
    public const string DefaultCursorsTable = "amazon_fulfillment_cursors";

    /// <summary>Gets or sets the schema of the store's own context (<see cref="AmazonFulfillmentDbContext"/>).</summary>
    /// <value>Default <see langword="null"/>: the provider's default schema. With the host's context, pass it to <c>AddAmazonFulfillment</c> instead.</value>
    public string? Schema { get; set; }

    /// <summary>Gets or sets the orders table of the store's own context.</summary>
    /// <value>Default <c>amazon_fulfillment_orders</c>. With the host's context, pass it to <c>AddAmazonFulfillment</c> instead.</value>
    public string OrdersTable { get; set; } = DefaultOrdersTable;

    /// <summary>Gets or sets the cursors table of the store's own context.</summary>
    /// <value>Default <c>amazon_fulfillment_cursors</c>. With the host's context, pass it to <c>AddAmazonFulfillment</c> instead.</value>
    public string CursorsTable { get; set; } = DefaultCursorsTable;

    /// <summary>
    /// Gets or sets whether the store creates the database and its two tables on first use when they do not exist. It
    /// creates every table of the context's model that is missing, so leave it off for a host context whose tables come from migrations.
    /// </summary>
    /// <value>
    /// Default <see langword="true"/> with the store's own context and <see langword="false"/> with the host's context (add the
    /// tables with a migration there).
    /// </value>
    public bool CreateTablesIfMissing { get; set; }

    /// <summary>Lists every problem with these options; empty when valid.</summary>
    /// <returns>One message per problem, each naming its option.</returns>
    public IReadOnlyList<string> Validate() => TableProblems(Schema, OrdersTable, CursorsTable);

    internal static List<string> TableProblems(string? schema, string? ordersTable, string? cursorsTable)
    {
        var problems = new List<string>();
        if (schema is not null && string.IsNullOrWhiteSpace(schema))
        {
            problems.Add("Schema must be null (the provider's default) or a name.");
        }

        if (string.IsNullOrWhiteSpace(ordersTable) || ordersTable.Length > 60)
        {
            problems.Add($"OrdersTable '{ordersTable}' must be a name of at most 60 characters.");
        }

        if (string.IsNullOrWhiteSpace(cursorsTable) || cursorsTable.Length > 63)
        {
            problems.Add($"CursorsTable '{cursorsTable}' must be a name of at most 63 characters.");
        }

        if (ordersTable is not null && string.Equals(ordersTable, cursorsTable, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("OrdersTable and CursorsTable must differ.");
        }

        return problems;
    }
}
