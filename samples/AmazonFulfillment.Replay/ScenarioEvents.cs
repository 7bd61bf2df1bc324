using System.Text.Json;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Testing;

namespace AmazonFulfillment.Replay;

/// <summary>One event line of a scenario file, already checked for structure.</summary>
/// <param name="Line">The 1-based line number, counting every line of the file.</param>
/// <param name="At">The time the line sets the clock to, if any.</param>
public abstract record ScenarioEvent(int Line, DateTimeOffset? At)
{
    /// <summary>The name of the Amazon store the line names (<c>amazonStore</c>), <c>default</c> when it names none.</summary>
    public const string DefaultStore = "default";

    /// <summary>Gets the Amazon store the line belongs to (its top-level <c>amazonStore</c>, or <see cref="DefaultStore"/>).</summary>
    public string AmazonStore => NamedStore ?? DefaultStore;

    /// <summary>Gets the Amazon store the line names, or <see langword="null"/> when it names none (a <c>sync</c> without one sweeps every store).</summary>
    public string? NamedStore { get; init; }
}

/// <summary>New order settings, from here on.</summary>
public sealed record SettingsEvent(int Line, DateTimeOffset? At, OrderSettings Settings) : ScenarioEvent(Line, At);

/// <summary>A product of the fake Commerce catalog.</summary>
public sealed record CatalogEntry(Sku Sku, StockStatus Stock, bool Enabled);

/// <summary>Upserts products in the fake Commerce catalog.</summary>
public sealed record CatalogEvent(int Line, DateTimeOffset? At, IReadOnlyList<CatalogEntry> Products) : ScenarioEvent(Line, At);

/// <summary>A customer that already exists.</summary>
public sealed record CustomerEntry(string Email, string? Name);

/// <summary>Customers that already exist in the fake customer store.</summary>
public sealed record CustomersEvent(int Line, DateTimeOffset? At, IReadOnlyList<CustomerEntry> Customers) : ScenarioEvent(Line, At);

/// <summary>Amazon reports an order (SP-API v0 Order) and, optionally, what getOrderItems answers from now on.</summary>
public sealed record AmazonEvent(int Line, DateTimeOffset? At, JsonElement Order, JsonElement? Items) : ScenarioEvent(Line, At);

/// <summary>The merchant ships a package from Commerce (fields checked when it is replayed).</summary>
public sealed record ShipmentEvent(int Line, DateTimeOffset? At, JsonElement Shipment) : ScenarioEvent(Line, At);

/// <summary>The merchant cancels an order from Commerce.</summary>
public sealed record CancelEvent(int Line, DateTimeOffset? At, string? AmazonOrderId, string? Reason) : ScenarioEvent(Line, At);

/// <summary>The merchant asks for a blocked import to be retried.</summary>
public sealed record RetryEvent(int Line, DateTimeOffset? At, string? AmazonOrderId) : ScenarioEvent(Line, At);

/// <summary>A sync cycle ends.</summary>
public sealed record SyncEvent(int Line, DateTimeOffset? At) : ScenarioEvent(Line, At);

/// <summary>A <c>fault</c> line with mode <c>dropped</c>: the next confirmations Amazon accepts answer success and keep no package.</summary>
public sealed record DropEvent(int Line, DateTimeOffset? At, int Count) : ScenarioEvent(Line, At);

/// <summary>The next calls of a port operation fail.</summary>
public sealed record FaultEvent(int Line, DateTimeOffset? At, string Port, string Operation, FaultMode Mode, int Count) : ScenarioEvent(Line, At);

/// <summary>The host crashes and restarts.</summary>
public sealed record RestartEvent(int Line, DateTimeOffset? At) : ScenarioEvent(Line, At);

/// <summary>Why a scenario file cannot be replayed: the line and the reason.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Reason">Why the line is invalid.</param>
public sealed record ScenarioError(int Line, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {Reason}";
}
