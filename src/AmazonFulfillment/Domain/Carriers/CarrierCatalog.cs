using System.Collections.Immutable;
using System.Text;

namespace AmazonFulfillment.Domain;

/// <summary>
/// Amazon's carrier codes per marketplace, with the names merchants type for each carrier and the layout of their
/// tracking numbers, so that a shipment can be corrected or refused before Amazon sees it. Immutable: the
/// <c>With…</c> methods return a new catalog.
/// </summary>
/// <remarks>
/// <see cref="Default"/> is read from the data file shipped in the package (<c>carriers.json</c>); a host can
/// supply its own file (<see cref="Parse"/>, <see cref="Load"/>) or add and replace carriers on top of the default
/// (<see cref="WithCarrier"/>, <see cref="WithTrackingFormat"/>). See <c>docs/carriers.md</c>.
/// </remarks>
public sealed class CarrierCatalog
{
    /// <summary>The name of the embedded data file behind <see cref="Default"/>.</summary>
    internal const string ResourceName = "AmazonFulfillment.Domain.Carriers.carriers.json";

    private const int MaxQuoted = 40;

    private static readonly Lazy<CarrierCatalog> DefaultCatalog = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ImmutableDictionary<string, TrackingFormat> _formats;
    private readonly ImmutableArray<MarketplaceCarriers> _marketplaces;
    private readonly ImmutableDictionary<MarketplaceId, CarrierIndex> _indexes;
    private readonly CarrierIndex _union;

    private CarrierCatalog(
        string source,
        DateOnly asOf,
        ImmutableDictionary<string, TrackingFormat> formats,
        ImmutableArray<MarketplaceCarriers> marketplaces,
        ImmutableDictionary<MarketplaceId, CarrierIndex> indexes,
        CarrierIndex union)
    {
        Source = source;
        AsOf = asOf;
        _formats = formats;
        _marketplaces = marketplaces;
        _indexes = indexes;
        _union = union;
    }

    /// <summary>Gets the catalog shipped with the package, read once from its embedded data file.</summary>
    public static CarrierCatalog Default => DefaultCatalog.Value;

    /// <summary>Gets where the carrier codes and formats came from.</summary>
    public string Source { get; }

    /// <summary>Gets the date the carrier codes were taken from their source.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Gets the marketplaces with a carrier list, in the order given.</summary>
    public ImmutableArray<MarketplaceId> Marketplaces => _marketplaces.Select(m => m.Id).ToImmutableArray();

    /// <summary>Gets the tracking formats, ordered by id.</summary>
    public ImmutableArray<TrackingFormat> TrackingFormats => _formats.Values.OrderBy(f => f.Id, StringComparer.Ordinal).ToImmutableArray();

    /// <summary>Reads a catalog from JSON in the layout of the shipped <c>carriers.json</c>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentException"><paramref name="json"/> is null, blank, not JSON, or not a valid catalog;
    /// the message names the JSON path at fault.</exception>
    public static CarrierCatalog Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException("The carrier catalog JSON must not be blank.", nameof(json)));
        }

        return CarrierCatalogReader.Read(json, nameof(json));
    }

    /// <summary>Reads a catalog from a UTF-8 JSON stream in the layout of the shipped <c>carriers.json</c>.</summary>
    /// <param name="stream">The stream; read to its end, not closed.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is null, unreadable, empty, or not a valid
    /// catalog; the message names the JSON path at fault.</exception>
    public static CarrierCatalog Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException("The carrier catalog stream must be readable.", nameof(stream)));
        }

        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var json = reader.ReadToEnd();
        if (string.IsNullOrWhiteSpace(json))
        {
            throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException("The carrier catalog stream is empty.", nameof(stream)));
        }

        return CarrierCatalogReader.Read(json, nameof(stream));
    }

    /// <summary>Gets the carriers listed for a marketplace; for an unknown marketplace (or none), the union of all lists.</summary>
    /// <param name="marketplace">The marketplace, or <see langword="null"/>.</param>
    /// <returns>The carriers; in the union, a code listed in several marketplaces appears once with all its names and formats.</returns>
    public ImmutableArray<CarrierEntry> CarriersFor(MarketplaceId? marketplace) => IndexFor(marketplace).Entries;

    /// <summary>
    /// Returns a catalog with a carrier added to a marketplace's list, or replacing the carrier with the same code
    /// (compared case-insensitively). The marketplace's list is created when the catalog has none.
    /// </summary>
    /// <param name="marketplace">The marketplace.</param>
    /// <param name="carrier">The carrier; its tracking formats must be in the catalog.</param>
    /// <returns>The new catalog; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="marketplace"/> is empty, <paramref name="carrier"/> is null,
    /// refers to an unknown tracking format, has a name another carrier of the marketplace uses, or spells a code
    /// differently from another marketplace.</exception>
    public CarrierCatalog WithCarrier(MarketplaceId marketplace, CarrierEntry carrier)
    {
        if (marketplace.Value.Length == 0)
        {
            throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException("The marketplace must not be empty.", nameof(marketplace)));
        }

        ArgumentNullException.ThrowIfNull(carrier);
        var marketplaces = _marketplaces.ToList();
        var at = marketplaces.FindIndex(m => m.Id == marketplace);
        if (at < 0)
        {
            marketplaces.Add(new MarketplaceCarriers(marketplace, null, "Added by the host.", [carrier]));
        }
        else
        {
            var list = marketplaces[at];
            var carriers = list.Carriers.ToList();
            var existing = carriers.FindIndex(c => string.Equals(c.Code, carrier.Code, StringComparison.OrdinalIgnoreCase));
            if (existing < 0)
            {
                carriers.Add(carrier);
            }
            else
            {
                carriers[existing] = carrier;
            }

            marketplaces[at] = list with { Carriers = [.. carriers] };
        }

        return Create(Source, AsOf, _formats.Values.ToImmutableArray(), [.. marketplaces], nameof(carrier));
    }

    /// <summary>Returns a catalog with a tracking format added, or replacing the format with the same id.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The new catalog; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> is null.</exception>
    public CarrierCatalog WithTrackingFormat(TrackingFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return Create(Source, AsOf, _formats.SetItem(format.Id, format).Values.ToImmutableArray(), _marketplaces, nameof(format));
    }

    /// <summary>
    /// Checks a shipment's carrier and tracking number against the marketplace's list and returns what to send to
    /// Amazon: the code in Amazon's exact spelling, <c>Other</c> with a listed carrier's name replaced by that
    /// carrier's code, and a problem when the code is not listed or the number does not have the carrier's layout.
    /// Never throws for non-blank arguments.
    /// </summary>
    /// <param name="marketplace">The order's marketplace; <see langword="null"/> or a marketplace without a list
    /// checks against the union of all lists.</param>
    /// <param name="carrierCode">The carrier code the merchant gave.</param>
    /// <param name="carrierName">The carrier name the merchant gave (needed with <c>Other</c>).</param>
    /// <param name="trackingNumber">The tracking number.</param>
    /// <returns>The code and name to send, whether they were mapped, and the problem, if any.</returns>
    /// <exception cref="ArgumentException"><paramref name="carrierCode"/> or <paramref name="trackingNumber"/> is null or blank.</exception>
    public CarrierCheck Check(MarketplaceId? marketplace, string carrierCode, string? carrierName, string trackingNumber)
    {
        if (string.IsNullOrWhiteSpace(carrierCode))
        {
            throw ProblemCodes.Attach(ProblemCodes.UsageInvalidArgument, new ArgumentException("The carrier code must not be blank.", nameof(carrierCode)));
        }

        if (string.IsNullOrWhiteSpace(trackingNumber))
        {
            throw ProblemCodes.Attach(ProblemCodes.UsageInvalidArgument, new ArgumentException("The tracking number must not be blank.", nameof(trackingNumber)));
        }

        var index = IndexFor(marketplace);
        var code = carrierCode.Trim();
        var name = string.IsNullOrWhiteSpace(carrierName) ? null : carrierName.Trim();

        if (string.Equals(code, ShipmentPackage.OtherCarrier, StringComparison.OrdinalIgnoreCase))
        {
            var mappedOther = !string.Equals(code, ShipmentPackage.OtherCarrier, StringComparison.Ordinal);
            if (name is null)
            {
                return new CarrierCheck(ShipmentPackage.OtherCarrier, null, mappedOther, new CarrierProblem(
                    ProblemCodes.CarrierNameRequired,
                    "carrierName",
                    "is required when carrierCode is Other; give the carrier's name, or use one of Amazon's carrier codes."));
            }

            // Other with the name of a carrier Amazon integrates makes the tracking invalid for Amazon: send the carrier's code.
            var named = index.Find(name);
            return named is null
                ? new CarrierCheck(ShipmentPackage.OtherCarrier, name, mappedOther, null)
                : new CarrierCheck(named.Code, null, true, TrackingProblem(named, trackingNumber));
        }

        var carrier = index.Find(code);
        if (carrier is null)
        {
            return new CarrierCheck(code, name, false, new CarrierProblem(ProblemCodes.CarrierCodeUnknown, "carrierCode", UnknownCode(index, marketplace, code)));
        }

        return new CarrierCheck(carrier.Code, null, !string.Equals(carrier.Code, code, StringComparison.Ordinal), TrackingProblem(carrier, trackingNumber));
    }

    /// <summary>Builds and validates a catalog; errors name <paramref name="parameter"/>.</summary>
    internal static CarrierCatalog Create(
        string source,
        DateOnly asOf,
        ImmutableArray<TrackingFormat> formats,
        ImmutableArray<MarketplaceCarriers> marketplaces,
        string parameter)
    {
        var formatsById = IndexFormats(formats, parameter);
        var seenMarketplaces = new HashSet<MarketplaceId>();
        var spellings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var indexes = ImmutableDictionary.CreateBuilder<MarketplaceId, CarrierIndex>();
        foreach (var marketplace in marketplaces)
        {
            if (!seenMarketplaces.Add(marketplace.Id))
            {
                throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"The carrier catalog lists marketplace {marketplace.Id} twice.", parameter));
            }

            CheckMarketplace(marketplace, formatsById, spellings, parameter);
            indexes.Add(marketplace.Id, new CarrierIndex(marketplace.Carriers));
        }

        return new CarrierCatalog(source, asOf, formatsById, marketplaces, indexes.ToImmutable(), new CarrierIndex(Union(marketplaces)));
    }

    /// <summary>The tracking formats by id; throws when an id is there twice.</summary>
    private static ImmutableDictionary<string, TrackingFormat> IndexFormats(ImmutableArray<TrackingFormat> formats, string parameter)
    {
        var formatsById = ImmutableDictionary.CreateBuilder<string, TrackingFormat>(StringComparer.Ordinal);
        foreach (var format in formats)
        {
            if (!formatsById.TryAdd(format.Id, format))
            {
                throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"The carrier catalog has tracking format '{format.Id}' twice.", parameter));
            }
        }

        return formatsById.ToImmutable();
    }

    /// <summary>Checks a marketplace's carriers: each listed once, known tracking formats, one spelling of a code across marketplaces, names naming one carrier.</summary>
    private static void CheckMarketplace(
        MarketplaceCarriers marketplace,
        ImmutableDictionary<string, TrackingFormat> formatsById,
        Dictionary<string, string> spellings,
        string parameter)
    {
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var texts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var carrier in marketplace.Carriers)
        {
            if (!codes.Add(carrier.Code))
            {
                throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"Carrier '{carrier.Code}' is listed twice in marketplace {marketplace.Id}.", parameter));
            }

            foreach (var formatId in carrier.TrackingFormats.Where(f => !formatsById.ContainsKey(f)))
            {
                throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException(
                    $"Carrier '{carrier.Code}' of marketplace {marketplace.Id} refers to tracking format '{formatId}', which the catalog does not have.", parameter));
            }

            if (spellings.TryGetValue(carrier.Code, out var spelling) && spelling != carrier.Code)
            {
                throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException(
                    $"Carrier code '{carrier.Code}' of marketplace {marketplace.Id} is spelled '{spelling}' elsewhere; Amazon's spelling is one.", parameter));
            }

            spellings[carrier.Code] = carrier.Code;
            CheckNames(marketplace, carrier, texts, parameter);
        }
    }

    /// <summary>Checks a carrier's code and names: none is Other, none names another carrier of the marketplace.</summary>
    private static void CheckNames(MarketplaceCarriers marketplace, CarrierEntry carrier, Dictionary<string, string> texts, string parameter)
    {
        foreach (var text in carrier.Names.Prepend(carrier.Code))
        {
            if (string.Equals(text, ShipmentPackage.OtherCarrier, StringComparison.OrdinalIgnoreCase))
            {
                throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"Carrier '{carrier.Code}' of marketplace {marketplace.Id} is named Other.", parameter));
            }

            if (texts.TryGetValue(text, out var owner) && !string.Equals(owner, carrier.Code, StringComparison.OrdinalIgnoreCase))
            {
                throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"'{text}' names both '{owner}' and '{carrier.Code}' in marketplace {marketplace.Id}.", parameter));
            }

            texts[text] = carrier.Code;
        }
    }

    private static ImmutableArray<CarrierEntry> Union(ImmutableArray<MarketplaceCarriers> marketplaces)
    {
        var order = new List<string>();
        var names = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var formats = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var carrier in marketplaces.SelectMany(m => m.Carriers))
        {
            if (codes.TryAdd(carrier.Code, carrier.Code))
            {
                order.Add(carrier.Code);
                names[carrier.Code] = [];
                formats[carrier.Code] = [];
            }

            names[carrier.Code].AddRange(carrier.Names);
            formats[carrier.Code].AddRange(carrier.TrackingFormats);
        }

        return order.Select(code => new CarrierEntry(code, names[code], formats[code])).ToImmutableArray();
    }

    private static CarrierCatalog LoadDefault()
    {
        using var stream = typeof(CarrierCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw ProblemCodes.Attach(ProblemCodes.InternalInvariantBroken, new InvalidOperationException($"The package's carrier catalog ({ResourceName}) is missing from the assembly."));
        return Load(stream);
    }

    private static string Quote(string text) => text.Length <= MaxQuoted ? text : string.Concat(text.AsSpan(0, MaxQuoted), "…");

    private CarrierIndex IndexFor(MarketplaceId? marketplace) =>
        marketplace is { } id && _indexes.TryGetValue(id, out var index) ? index : _union;

    private CarrierProblem? TrackingProblem(CarrierEntry carrier, string trackingNumber)
    {
        if (carrier.TrackingFormats.IsEmpty)
        {
            return null;
        }

        var formats = carrier.TrackingFormats.Select(id => _formats[id]).ToList();
        if (formats.Any(f => f.Matches(trackingNumber)))
        {
            return null;
        }

        var layouts = string.Join(", or ", formats.Select(f => f.Description));
        return new CarrierProblem(
            ProblemCodes.CarrierTrackingNumberInvalid,
            "trackingNumber",
            $"'{Quote(trackingNumber.Trim())}' does not look like a {carrier.Code} tracking number ({layouts}); check the number, or ship with the right carrier.");
    }

    private string UnknownCode(CarrierIndex index, MarketplaceId? marketplace, string code)
    {
        var known = marketplace is { } id && _indexes.ContainsKey(id);
        var where = known ? $" for marketplace {marketplace}" : string.Empty;
        var elsewhere = known && _union.Find(code) is { } other ? $" (Amazon lists '{other.Code}' for other marketplaces)" : string.Empty;
        var suggestions = index.Suggest(code);
        var closest = suggestions.IsEmpty ? string.Empty : $"; did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
        return $"'{Quote(code)}' is not one of Amazon's carrier codes{where}{elsewhere}{closest}. "
            + "Use Amazon's exact code, or, for a carrier Amazon does not integrate, carrierCode Other with the carrier's name in carrierName.";
    }
}
