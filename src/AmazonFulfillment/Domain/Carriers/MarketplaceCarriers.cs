using System.Collections.Immutable;

namespace AmazonFulfillment.Domain;

/// <summary>One marketplace's carrier list in the catalog, with where it came from.</summary>
/// <param name="Id">The marketplace.</param>
/// <param name="Name">Its display name, if given.</param>
/// <param name="Source">Where the list came from, if given.</param>
/// <param name="Carriers">The carriers, in the order given.</param>
internal sealed record MarketplaceCarriers(MarketplaceId Id, string? Name, string? Source, ImmutableArray<CarrierEntry> Carriers);
