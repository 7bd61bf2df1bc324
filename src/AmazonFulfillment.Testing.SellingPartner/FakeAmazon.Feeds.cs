using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace AmazonFulfillment.Testing.SellingPartner;

/// <summary>The fake's Feeds API (order acknowledgements that cancel orders).</summary>
public sealed partial class FakeAmazon
{
    private readonly Dictionary<string, Document> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Feed> _feeds = new(StringComparer.Ordinal);
    private int _feedCounter;

    /// <summary>Gets the feeds created so far: feed id → the uploaded document's content.</summary>
    public IReadOnlyDictionary<string, string> Feeds
    {
        get
        {
            lock (_gate)
            {
                return _feeds.ToDictionary(f => f.Key, f => _documents.TryGetValue(f.Value.InputDocumentId, out var d) ? d.Content ?? string.Empty : string.Empty, StringComparer.Ordinal);
            }
        }
    }

    private Answer CreateFeedDocument(string? body)
    {
        if (Parse(body) is not { } request || Str(request, "contentType") is not { Length: > 0 } contentType)
        {
            return InvalidInput("Missing required parameter: contentType.");
        }

        var id = "amzn1.tortuga.4.na." + Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _documents[id] = new Document(contentType) { Content = null };
        }

        return Json(201, new JsonObject { ["feedDocumentId"] = id, ["url"] = new Uri(Endpoint, "/fake-s3/upload/" + id).ToString() });
    }

    private Answer Upload(string id, string? body)
    {
        lock (_gate)
        {
            if (!_documents.TryGetValue(id, out var document))
            {
                return new Answer(403, "<Error><Code>AccessDenied</Code></Error>", "application/xml", null);
            }

            document.Content = body ?? string.Empty;
            return new Answer(200, null, "application/xml", null);
        }
    }

    private Answer CreateFeed(string? body, DateTimeOffset now)
    {
        if (Parse(body) is not { } request)
        {
            return InvalidInput("The request body is not a JSON object.");
        }

        if (Str(request, "feedType") is not { Length: > 0 } feedType || Str(request, "inputFeedDocumentId") is not { Length: > 0 } documentId
            || request["marketplaceIds"] is not JsonArray { Count: > 0 and <= 25 } marketplaces)
        {
            return InvalidInput("feedType, marketplaceIds (1 to 25) and inputFeedDocumentId are required.");
        }

        lock (_gate)
        {
            if (!_documents.TryGetValue(documentId, out var document) || document.Content is null)
            {
                return InvalidInput($"Feed document {documentId} was not uploaded.");
            }

            var id = (50_000_000_000 + ++_feedCounter).ToString(CultureInfo.InvariantCulture);
            _feeds[id] = new Feed(id, feedType, [.. marketplaces.Select(m => m?.ToString() ?? string.Empty)], documentId, now);
            return Json(202, new JsonObject { ["feedId"] = id });
        }
    }

    private Answer GetFeed(string id, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_feeds.TryGetValue(id, out var feed))
            {
                return Error(404, "NotFound", $"Feed {id} was not found.", null);
            }

            if (feed.Status == "IN_QUEUE" && now - feed.Created >= Options.FeedProcessingTime)
            {
                Process(feed, now);
            }

            var json = new JsonObject
            {
                ["feedId"] = feed.Id,
                ["feedType"] = feed.FeedType,
                ["marketplaceIds"] = new JsonArray([.. feed.MarketplaceIds.Select(m => (JsonNode)JsonValue.Create(m)!)]),
                ["createdTime"] = Text(feed.Created),
                ["processingStatus"] = feed.Status,
            };
            if (feed.ResultDocumentId is not null)
            {
                json["processingStartTime"] = Text(feed.Created);
                json["processingEndTime"] = Text(now);
                json["resultFeedDocumentId"] = feed.ResultDocumentId;
            }

            return Json(200, json);
        }
    }

    private Answer GetFeedDocument(string id)
    {
        lock (_gate)
        {
            if (!_documents.TryGetValue(id, out var document))
            {
                return Error(404, "NotFound", $"Feed document {id} was not found.", null);
            }

            var json = new JsonObject { ["feedDocumentId"] = id, ["url"] = new Uri(Endpoint, "/fake-s3/download/" + id).ToString() };
            if (document.Compressed)
            {
                json["compressionAlgorithm"] = "GZIP";
            }

            return Json(200, json);
        }
    }

    private Answer Download(string id)
    {
        lock (_gate)
        {
            if (!_documents.TryGetValue(id, out var document) || document.Content is null)
            {
                return new Answer(403, "<Error><Code>AccessDenied</Code></Error>", "application/xml", null);
            }

            return document.Compressed
                ? new Answer(200, null, document.ContentType, null) { Bytes = Gzip(document.Content) }
                : new Answer(200, document.Content, document.ContentType, null);
        }
    }

    /// <summary>Applies an order acknowledgement feed and writes its processing report. Runs under the gate.</summary>
    private void Process(Feed feed, DateTimeOffset now)
    {
        if (ReadAcknowledgementEnvelope(feed) is not { } envelope)
        {
            feed.Status = "FATAL";
            return;
        }

        var (processed, errors) = ApplyMessages(envelope, now);
        feed.ResultDocumentId = WriteProcessingReport(feed, processed, errors);
        feed.Status = "DONE";
    }

    /// <summary>The feed's envelope, or <see langword="null"/> when it is not XML, not an envelope, or not an order acknowledgement feed.</summary>
    private XElement? ReadAcknowledgementEnvelope(Feed feed)
    {
        XDocument? xml = null;
        try
        {
            xml = XDocument.Parse(_documents[feed.InputDocumentId].Content!);
        }
        catch (XmlException)
        {
        }

        return xml?.Root is { Name.LocalName: "AmazonEnvelope" } envelope && feed.FeedType == "POST_ORDER_ACKNOWLEDGEMENT_DATA" ? envelope : null;
    }

    /// <summary>Applies each message of the envelope; answers how many were processed and a result for each that failed.</summary>
    private (int Processed, List<XElement> Errors) ApplyMessages(XElement envelope, DateTimeOffset now)
    {
        var errors = new List<XElement>();
        var processed = 0;
        var merchant = (string?)envelope.Element("Header")?.Element("MerchantIdentifier");
        foreach (var message in envelope.Elements("Message"))
        {
            processed++;
            var messageId = (string?)message.Element("MessageID") ?? "0";
            var ack = message.Element("OrderAcknowledgement");
            var orderId = (string?)ack?.Element("AmazonOrderID");
            var error = merchant != Options.SellerId ? "The MerchantIdentifier does not match the seller."
                : ack is null || orderId is null ? "The message has no OrderAcknowledgement with an AmazonOrderID."
                : Acknowledge(orderId, (string?)ack.Element("StatusCode"), ack.Elements("Item").ToList(), now);
            if (error is not null)
            {
                errors.Add(new XElement(
                    "Result",
                    new XElement("MessageID", messageId),
                    new XElement("ResultCode", "Error"),
                    new XElement("ResultMessageCode", "18028"),
                    new XElement("ResultDescription", error)));
            }
        }

        return (processed, errors);
    }

    /// <summary>Stores the feed's processing report as a document; answers its id.</summary>
    private string WriteProcessingReport(Feed feed, int processed, List<XElement> errors)
    {
        var report = new XElement(
            "AmazonEnvelope",
            new XElement("Header", new XElement("DocumentVersion", "1.02"), new XElement("MerchantIdentifier", Options.SellerId)),
            new XElement("MessageType", "ProcessingReport"),
            new XElement(
                "Message",
                new XElement("MessageID", "1"),
                new XElement(
                    "ProcessingReport",
                    new XElement("DocumentTransactionID", feed.Id),
                    new XElement("StatusCode", "Complete"),
                    new XElement(
                        "ProcessingSummary",
                        new XElement("MessagesProcessed", processed),
                        new XElement("MessagesSuccessful", processed - errors.Count),
                        new XElement("MessagesWithError", errors.Count),
                        new XElement("MessagesWithWarning", 0)),
                    errors)));
        var reportId = "amzn1.tortuga.4.na." + Guid.NewGuid().ToString("N");
        _documents[reportId] = new Document("text/xml")
        {
            Content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + report.ToString(SaveOptions.DisableFormatting),
            Compressed = Options.CompressReports,
        };
        return reportId;
    }

    /// <summary>Cancels an order for a Failure acknowledgement, as Amazon does; answers why not, or <see langword="null"/>.</summary>
    private string? Acknowledge(string orderId, string? statusCode, List<XElement> items, DateTimeOffset now)
    {
        if (!_orders.TryGetValue(orderId, out var order))
        {
            return $"Order {orderId} was not found.";
        }

        if (statusCode != "Failure")
        {
            return null; // Success acknowledges the order; nothing changes here
        }

        if (order.Items.Any(i => i.QuantityShipped > 0) || order.Status is "Shipped" or "PartiallyShipped")
        {
            return $"Order {orderId} has shipped units and cannot be canceled.";
        }

        if (!order.MerchantFulfilled)
        {
            return $"Order {orderId} is fulfilled by Amazon and cannot be canceled by the seller.";
        }

        foreach (var item in items)
        {
            var code = (string?)item.Element("AmazonOrderItemCode");
            if (order.Items.All(i => i.OrderItemId != code))
            {
                return $"Order item {code} is not in order {orderId}.";
            }

            if (string.IsNullOrEmpty((string?)item.Element("CancelReason")))
            {
                return $"Order item {code} has no CancelReason.";
            }
        }

        if (order.Status != "Canceled")
        {
            _orders[orderId] = order with { Status = "Canceled", LastUpdateDate = Seconds(now) };
        }

        return null;
    }

    private static JsonObject? Parse(string? body)
    {
        try
        {
            return body is null ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The UTF-8 bytes of a document, GZIP-compressed.</summary>
    private static byte[] Gzip(string content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(content));
        }

        return compressed.ToArray();
    }

    private sealed class Document(string contentType)
    {
        public string ContentType { get; } = contentType;

        public string? Content { get; set; }

        /// <summary>Gets or sets whether the document is stored GZIP-compressed (see <see cref="FakeAmazonOptions.CompressReports"/>).</summary>
        public bool Compressed { get; set; }
    }

    private sealed class Feed(string id, string feedType, IReadOnlyList<string> marketplaceIds, string inputDocumentId, DateTimeOffset created)
    {
        public string Id { get; } = id;

        public string FeedType { get; } = feedType;

        public IReadOnlyList<string> MarketplaceIds { get; } = marketplaceIds;

        public string InputDocumentId { get; } = inputDocumentId;

        public DateTimeOffset Created { get; } = created;

        public string Status { get; set; } = "IN_QUEUE";

        public string? ResultDocumentId { get; set; }
    }
}
