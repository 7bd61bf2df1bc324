using System.Text.RegularExpressions;

namespace AmazonFulfillment.PostgreSql;

/// <summary>Where and how the PostgreSQL order store keeps its orders.</summary>
public sealed partial class PostgreSqlOrderStoreOptions
{
    /// <summary>The default table name.</summary>
    public const string DefaultTableName = "amazon_fulfillment_orders";

    /// <summary>Gets or sets the table of tracked orders, optionally schema-qualified (<c>sales.amazon_orders</c>).</summary>
    /// <value>Default <c>amazon_fulfillment_orders</c> (in the connection's search path); lower-case letters, digits and underscores.</value>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>Gets or sets whether the store creates its table and index on first use (as <see cref="PostgreSqlOrderStore.EnsureSchemaAsync"/> does).</summary>
    /// <value>Default <see langword="true"/>. Set <see langword="false"/> when the schema is deployed separately and the application's role may not create tables.</value>
    public bool EnsureSchemaOnFirstUse { get; set; } = true;

    /// <summary>Lists every problem with these options; empty when valid.</summary>
    /// <returns>One message per problem, each naming its option.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (TableName is null || !TableNamePattern().IsMatch(TableName))
        {
            problems.Add($"TableName '{TableName}' must be an unquoted PostgreSQL name (lower-case letters, digits, underscores; at most 63 characters), optionally schema-qualified.");
        }

        return problems;
    }

    [GeneratedRegex("^([a-z_][a-z0-9_]{0,62}\\.)?[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();
}
