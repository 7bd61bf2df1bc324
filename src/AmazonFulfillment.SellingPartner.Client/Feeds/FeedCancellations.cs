using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Ports;
using AmazonFulfillment.SellingPartner.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.SellingPartner.Client.Feeds;

/// <summary>
/// Cancels merchant-fulfilled orders through the Feeds API, many orders per feed. An order asked to cancel waits
/// <see cref="SellingPartnerClientOptions.CancellationBatchWindow"/> for others, then one feed carries them all:
/// createFeedDocument, upload, createFeed. Until Amazon's processing report is there the answer is transient; asked again,
/// the order's feed is checked (getFeed) instead of a second one being sent; once the report is in, the order's message
/// decides: accepted is success, refused is a rejection with Amazon's description. Each submitted feed is kept in an
/// <see cref="ISubmittedFeedStore"/> (the order store's, when it keeps them) until each of its orders' outcome was answered: an
/// order asked after a restart, or on another host, is looked up there, so its feed's report is read instead of a second
/// cancellation being sent. Thread-safe.
/// </summary>
internal sealed class FeedCancellations(SellingPartnerClient client, SellingPartnerClientOptions options, ISubmittedFeedStore feeds, TimeProvider time, ILogger logger)
{
    public const string Waiting = "cancellation feed submitted; waiting for Amazon's processing report";

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _submit = new(1, 1);
    private readonly SemaphoreSlim _check = new(1, 1);
    private readonly Dictionary<AmazonOrderId, Entry> _entries = [];
    private readonly Dictionary<string, IReadOnlyDictionary<int, MessageResult>> _reports = new(StringComparer.Ordinal);
    private int _nextMessageId;

    /// <summary>Gets how many feeds were created.</summary>
    public int FeedsSubmitted { get; private set; }

    public async ValueTask<PortResult> CancelAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken)
    {
        if (!OrderAcknowledgementFeed.CancelReasons.Contains(reason))
        {
            return PortResult.Rejected($"'{(reason.Length > 40 ? reason[..40] + "…" : reason)}' is not a cancel reason Amazon accepts ({string.Join(", ", OrderAcknowledgementFeed.CancelReasons)}).");
        }

        var entry = await EntryOfAsync(amazonOrderId, reason, cancellationToken).ConfigureAwait(false);
        return entry.FeedId is null
            ? await SubmitAsync(amazonOrderId, cancellationToken).ConfigureAwait(false)
            : await CheckAsync(amazonOrderId, entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The order's entry: the one in memory, else the one its submitted feed (kept by the store, perhaps by a previous process)
    /// gives it, with the other orders of that feed, else a new one, to be sent in the next feed.
    /// </summary>
    private async Task<Entry> EntryOfAsync(AmazonOrderId amazonOrderId, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(amazonOrderId, out var known))
            {
                return known;
            }
        }

        var submitted = await feeds.FindSubmittedFeedAsync(options.SellerId, amazonOrderId, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var order in submitted?.Orders ?? [])
            {
                if (!_entries.ContainsKey(order.AmazonOrderId))
                {
                    _entries[order.AmazonOrderId] = new Entry(order.Reason) { FeedId = submitted!.FeedId, MessageId = order.MessageId };
                }
            }

            if (!_entries.TryGetValue(amazonOrderId, out var entry))
            {
                entry = new Entry(reason);
                _entries[amazonOrderId] = entry;
            }

            return entry;
        }
    }

    private async Task<PortResult> SubmitAsync(AmazonOrderId amazonOrderId, CancellationToken cancellationToken)
    {
        if (options.CancellationBatchWindow > TimeSpan.Zero)
        {
            await Task.Delay(options.CancellationBatchWindow, time, cancellationToken).ConfigureAwait(false);
        }

        await _submit.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<(AmazonOrderId Id, Entry Entry)> batch;
            lock (_gate)
            {
                if (_entries.TryGetValue(amazonOrderId, out var mine) && mine.FeedId is not null)
                {
                    return PortResult.Transient(Waiting); // another caller's feed carried this order
                }

                batch = _entries.Where(e => e.Value.FeedId is null).Select(e => (e.Key, e.Value)).ToList();
            }

            var (messages, mineFailed) = await MessagesForAsync(batch, amazonOrderId, cancellationToken).ConfigureAwait(false);
            if (messages.Count == 0)
            {
                return mineFailed ?? PortResult.Transient(Waiting);
            }

            var feed = await CreateFeedAsync(messages, cancellationToken).ConfigureAwait(false);
            if (!feed.IsSuccess)
            {
                return feed.WithoutValue();
            }

            await SubmittedAsync(feed.Value!, messages).ConfigureAwait(false);
            return mineFailed ?? PortResult.Transient(Waiting);
        }
        finally
        {
            _submit.Release();
        }
    }

    /// <summary>One cancellation message per order of the batch that has items; an order without (or whose items Amazon refuses) is
    /// forgotten when refused. Answers the messages and, when the caller's own order could not be put in the feed, why.</summary>
    private async Task<(List<CancellationMessage> Messages, PortResult? MineFailed)> MessagesForAsync(
        List<(AmazonOrderId Id, Entry Entry)> batch,
        AmazonOrderId amazonOrderId,
        CancellationToken cancellationToken)
    {
        var messages = new List<CancellationMessage>();
        PortResult? mineFailed = null;
        foreach (var (id, entry) in batch)
        {
            var items = await client.GetOrderItemsAsync(id, cancellationToken).ConfigureAwait(false);
            if (items.IsSuccess && items.Value.Length > 0)
            {
                messages.Add(new CancellationMessage(Interlocked.Increment(ref _nextMessageId), id, [.. items.Value.Select(i => i.OrderItemId.Value)], entry.Reason));
                continue;
            }

            var failure = items.IsSuccess ? PortResult.Rejected($"order {id} has no items to cancel.") : items.WithoutValue();
            if (failure.Status == PortStatus.Rejected)
            {
                Forget(id, entry);
            }

            if (id == amazonOrderId)
            {
                mineFailed = failure;
            }
        }

        return (messages, mineFailed);
    }

    /// <summary>Records which feed and message carry each order, in memory and in the store.</summary>
    private async Task SubmittedAsync(string feedId, List<CancellationMessage> messages)
    {
        lock (_gate)
        {
            foreach (var message in messages)
            {
                if (_entries.TryGetValue(message.AmazonOrderId, out var entry))
                {
                    entry.FeedId = feedId;
                    entry.MessageId = message.MessageId;
                }
            }
        }

        FeedsSubmitted++;
        ClientLog.FeedSubmitted(logger, feedId, messages.Count);

        // Amazon has the feed: it is kept even when the caller gave up, or a restart would send these orders again.
        var feed = new SubmittedFeed(
            options.SellerId,
            feedId,
            [.. messages.Select(m => new SubmittedFeedOrder(m.AmazonOrderId, m.MessageId, m.Reason))],
            time.GetUtcNow());
        await feeds.SaveSubmittedFeedAsync(feed, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<PortResult<string>> CreateFeedAsync(List<CancellationMessage> messages, CancellationToken cancellationToken)
    {
        var document = await client.CallJsonAsync(
            SellingPartnerOperations.CreateFeedDocument,
            HttpMethod.Post,
            "/feeds/2021-06-30/documents",
            new JsonObject { ["contentType"] = OrderAcknowledgementFeed.ContentType },
            cancellationToken).ConfigureAwait(false);
        if (!document.IsSuccess)
        {
            return PortResult<string>.From(document.WithoutValue());
        }

        if (Text(document.Value, "feedDocumentId") is not { } documentId
            || Text(document.Value, "url") is not { } url
            || !Uri.TryCreate(url, UriKind.Absolute, out var uploadUrl))
        {
            return PortResult.Transient("createFeedDocument answered without feedDocumentId and url.");
        }

        var xml = OrderAcknowledgementFeed.Write(options.SellerId, messages);
        var upload = await client.Transport.UploadAsync(uploadUrl, xml, OrderAcknowledgementFeed.ContentType, cancellationToken).ConfigureAwait(false);
        if (!upload.IsSuccess)
        {
            return PortResult<string>.From(upload);
        }

        var feed = await client.CallJsonAsync(
            SellingPartnerOperations.CreateFeed,
            HttpMethod.Post,
            "/feeds/2021-06-30/feeds",
            new JsonObject
            {
                ["feedType"] = OrderAcknowledgementFeed.FeedType,
                ["marketplaceIds"] = new JsonArray([.. options.MarketplaceIds.Take(25).Select(m => (JsonNode)JsonValue.Create(m)!)]),
                ["inputFeedDocumentId"] = documentId,
            },
            cancellationToken).ConfigureAwait(false);
        if (!feed.IsSuccess)
        {
            return PortResult<string>.From(feed.WithoutValue());
        }

        return Text(feed.Value, "feedId") is { } feedId
            ? PortResult<string>.Ok(feedId)
            : PortResult.Transient("createFeed answered without feedId.");
    }

    private async Task<PortResult> CheckAsync(AmazonOrderId amazonOrderId, Entry entry, CancellationToken cancellationToken)
    {
        // One check at a time: orders of the same feed asked together share one getFeed and one report download.
        await _check.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await CheckFeedAsync(amazonOrderId, entry, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _check.Release();
        }
    }

    private async Task<PortResult> CheckFeedAsync(AmazonOrderId amazonOrderId, Entry entry, CancellationToken cancellationToken)
    {
        var feedId = entry.FeedId;
        if (feedId is null)
        {
            return PortResult.Transient($"the cancellation feed of order {amazonOrderId} ended without a report; the order is sent again in a new feed.");
        }

        IReadOnlyDictionary<int, MessageResult>? report;
        lock (_gate)
        {
            _reports.TryGetValue(feedId, out report);
        }

        if (report is null)
        {
            var feed = await client.CallJsonAsync(SellingPartnerOperations.GetFeed, HttpMethod.Get, "/feeds/2021-06-30/feeds/" + Uri.EscapeDataString(feedId), null, cancellationToken).ConfigureAwait(false);
            if (!feed.IsSuccess)
            {
                return feed.WithoutValue();
            }

            switch (Text(feed.Value, "processingStatus"))
            {
                case "IN_QUEUE" or "IN_PROGRESS":
                    return PortResult.Transient(Waiting);
                case "DONE" when Text(feed.Value, "resultFeedDocumentId") is { } resultId:
                    var read = await ReadReportAsync(feedId, resultId, cancellationToken).ConfigureAwait(false);
                    if (!read.IsSuccess)
                    {
                        return read.WithoutValue();
                    }

                    report = read.Value!;
                    break;
                default:
                    var status = Text(feed.Value, "processingStatus") ?? "without a status";
                    ClientLog.FeedFailed(logger, feedId, status);
                    lock (_gate)
                    {
                        foreach (var other in _entries.Values.Where(e => e.FeedId == feedId))
                        {
                            other.FeedId = null; // sent again in the next feed
                        }
                    }

                    await feeds.ForgetSubmittedFeedAsync(feedId, cancellationToken).ConfigureAwait(false);
                    return PortResult.Transient($"cancellation feed {feedId} ended {status}; the order is sent again in a new feed.");
            }
        }

        var verdict = report.TryGetValue(entry.MessageId, out var result) ? result : new MessageResult(true, null, null);
        await feeds.ForgetSubmittedOrderAsync(feedId, amazonOrderId, cancellationToken).ConfigureAwait(false); // its outcome is answered now
        if (verdict.Succeeded)
        {
            return PortResult.Ok; // the entry stays, so asking again answers the same
        }

        Forget(amazonOrderId, entry); // a later request to cancel sends a new feed
        return PortResult.Rejected($"Amazon refused the cancellation of order {amazonOrderId}{(verdict.Code is null ? string.Empty : $" (result {verdict.Code})")}: {verdict.Description ?? "no description"}");
    }

    private async Task<PortResult<IReadOnlyDictionary<int, MessageResult>>> ReadReportAsync(string feedId, string resultDocumentId, CancellationToken cancellationToken)
    {
        var document = await client.CallJsonAsync(SellingPartnerOperations.GetFeedDocument, HttpMethod.Get, "/feeds/2021-06-30/documents/" + Uri.EscapeDataString(resultDocumentId), null, cancellationToken).ConfigureAwait(false);
        if (!document.IsSuccess)
        {
            return PortResult<IReadOnlyDictionary<int, MessageResult>>.From(document.WithoutValue());
        }

        if (Text(document.Value, "url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var downloadUrl))
        {
            return PortResult.Transient("getFeedDocument answered without url.");
        }

        var compressed = string.Equals(Text(document.Value, "compressionAlgorithm"), "GZIP", StringComparison.Ordinal);
        var content = await DownloadReportAsync(downloadUrl, compressed, cancellationToken).ConfigureAwait(false);
        if (!content.IsSuccess)
        {
            return PortResult<IReadOnlyDictionary<int, MessageResult>>.From(content.WithoutValue());
        }

        var text = content.Value!;

        List<int> ids;
        lock (_gate)
        {
            ids = [.. _entries.Values.Where(e => e.FeedId == feedId).Select(e => e.MessageId)];
        }

        if (OrderAcknowledgementFeed.ReadReport(text, ids) is not { } report)
        {
            return PortResult.Transient($"the processing report of feed {feedId} is not a processing report.");
        }

        lock (_gate)
        {
            _reports[feedId] = report;
        }

        return PortResult<IReadOnlyDictionary<int, MessageResult>>.Ok(report);
    }

    /// <summary>Downloads the processing report as text, decompressing it when Amazon stored it GZIP-compressed.</summary>
    private async Task<PortResult<string>> DownloadReportAsync(Uri downloadUrl, bool compressed, CancellationToken cancellationToken)
    {
        if (!compressed)
        {
            return await client.Transport.DownloadAsync(downloadUrl, cancellationToken).ConfigureAwait(false);
        }

        var bytes = await client.Transport.DownloadBytesAsync(downloadUrl, cancellationToken).ConfigureAwait(false);
        if (!bytes.IsSuccess)
        {
            return PortResult<string>.From(bytes.WithoutValue());
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes.Value!), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return PortResult<string>.Ok(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidDataException)
        {
            return PortResult.Transient("the processing report is marked GZIP but is not GZIP-compressed.");
        }
    }

    private void Forget(AmazonOrderId amazonOrderId, Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(amazonOrderId, out var current) && ReferenceEquals(current, entry))
            {
                _entries.Remove(amazonOrderId);
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed class Entry(string reason)
    {
        public string Reason { get; } = reason;

        public string? FeedId { get; set; }

        public int MessageId { get; set; }
    }
}
