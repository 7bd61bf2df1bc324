using AmazonFulfillment.Domain;
using AmazonFulfillment.Verification;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AmazonFulfillment.Tests.Domain.Carriers;

/// <summary>Check never throws for non-blank input, and a code it sends for a listed carrier is always Amazon's spelling.</summary>
public class CarrierCatalogProperties
{
    private static readonly CarrierCatalog Catalog = CarrierCatalog.Default;
    private static readonly MarketplaceId?[] Marketplaces = [.. Catalog.Marketplaces.Cast<MarketplaceId?>(), null, MarketplaceId.Parse("A2Q3Y263D00KWC")];
    private static readonly string[] ListedTexts = [.. Catalog.CarriersFor(null).SelectMany(c => c.Names.Prepend(c.Code)), "Other", "other"];

    [CarrierProperty]
    public Property Check_ArbitraryStrings_NeverThrowsAndSendsAmazonsSpelling(
        string? code, string? name, string? number, int marketplace, int listed, bool useListed, int seed)
    {
        var market = Marketplaces[Math.Abs(marketplace % Marketplaces.Length)];
        var carrierCode = useListed ? Scramble(ListedTexts[Math.Abs(listed % ListedTexts.Length)], seed) : NonBlank(code);
        var carrierName = useListed && seed % 3 == 0 ? Scramble(ListedTexts[Math.Abs(seed % ListedTexts.Length)], listed) : name;

        var check = Catalog.Check(market, carrierCode, carrierName, NonBlank(number));

        var exact = Catalog.CarriersFor(market).Select(c => c.Code).Append(ShipmentPackage.OtherCarrier).ToHashSet(StringComparer.Ordinal);
        var codeAccepted = check.Problem?.Field != "carrierCode";
        return (!codeAccepted || exact.Contains(check.CarrierCode))
            .And(check.CarrierCode != ShipmentPackage.OtherCarrier || check.CarrierName is null || Catalog.CarriersFor(market).All(c =>
                !string.Equals(c.Code, check.CarrierName, StringComparison.OrdinalIgnoreCase) && !c.Names.Contains(check.CarrierName, StringComparer.OrdinalIgnoreCase)))
            .And(check.CarrierCode == ShipmentPackage.OtherCarrier || !codeAccepted || check.CarrierName is null)
            .Label($"{market}: '{carrierCode}' / '{carrierName}' -> {check}");
    }

    private static string NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? "x" : text;

    /// <summary>The text with its case flipped and separators inserted as the seed says, as merchants type it.</summary>
    private static string Scramble(string text, int seed)
    {
        var random = new Random(seed);
        var chars = text.Select(c => random.Next(2) == 0 ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
        var separator = random.Next(4) switch { 0 => " ", 1 => "-", 2 => ".", _ => string.Empty };
        var result = string.Join(separator, chars.Select(c => c.ToString()));
        return random.Next(2) == 0 ? $"  {result} " : result;
    }
}
