using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Client.Feeds;

/// <summary>One order to cancel in an order acknowledgement feed: its message id, the order, its item codes and the reason.</summary>
internal sealed record CancellationMessage(int MessageId, AmazonOrderId AmazonOrderId, IReadOnlyList<string> ItemCodes, string Reason);

/// <summary>A processing report's verdict on one message.</summary>
internal sealed record MessageResult(bool Succeeded, string? Code, string? Description);

/// <summary>
/// The <c>POST_ORDER_ACKNOWLEDGEMENT_DATA</c> feed that cancels merchant-fulfilled orders (<c>StatusCode</c> Failure, a
/// <c>CancelReason</c> per item), and the XML processing report Amazon answers with.
/// </summary>
internal static class OrderAcknowledgementFeed
{
    public const string FeedType = "POST_ORDER_ACKNOWLEDGEMENT_DATA";
    public const string ContentType = "text/xml; charset=UTF-8";

    /// <summary>The cancel reasons Amazon lists for an order acknowledgement.</summary>
    public static IReadOnlySet<string> CancelReasons { get; } = new HashSet<string>(Domain.CancelReasons.All, StringComparer.Ordinal);

    public static string Write(string merchantIdentifier, IEnumerable<CancellationMessage> messages)
    {
        var envelope = new XElement(
            "AmazonEnvelope",
            new XElement("Header", new XElement("DocumentVersion", "1.01"), new XElement("MerchantIdentifier", merchantIdentifier)),
            new XElement("MessageType", "OrderAcknowledgement"),
            messages.Select(m => new XElement(
                "Message",
                new XElement("MessageID", m.MessageId.ToString(CultureInfo.InvariantCulture)),
                new XElement(
                    "OrderAcknowledgement",
                    new XElement("AmazonOrderID", m.AmazonOrderId.Value),
                    new XElement("StatusCode", "Failure"),
                    m.ItemCodes.Select(code => new XElement("Item", new XElement("AmazonOrderItemCode", code), new XElement("CancelReason", m.Reason)))))));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), envelope).Declaration + "\n" + envelope.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// Reads a processing report: every <c>Result</c> with <c>ResultCode</c> Error names a failed message; a message with no
    /// error result succeeded. Answers <see langword="null"/> for a document that is not a processing report.
    /// </summary>
    public static IReadOnlyDictionary<int, MessageResult>? ReadReport(string xml, IEnumerable<int> messageIds)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml);
        }
        catch (XmlException)
        {
            return null;
        }

        var report = document.Descendants("ProcessingReport").FirstOrDefault();
        if (report is null)
        {
            return null;
        }

        var results = messageIds.ToDictionary(id => id, _ => new MessageResult(true, null, null));
        foreach (var result in report.Elements("Result"))
        {
            if (!int.TryParse((string?)result.Element("MessageID"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || !string.Equals((string?)result.Element("ResultCode"), "Error", StringComparison.Ordinal))
            {
                continue;
            }

            results[id] = new MessageResult(false, (string?)result.Element("ResultMessageCode"), Truncate((string?)result.Element("ResultDescription")));
        }

        return results;
    }

    private static string? Truncate(string? text) => text is { Length: > 300 } ? text[..300] + "…" : text;
}
