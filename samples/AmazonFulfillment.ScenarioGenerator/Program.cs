using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AmazonFulfillment.ScenarioGenerator;

/// <summary>
/// Writes a deterministic "marketplace day" scenario for the replay: MFN and FBA orders with duplicated and
/// stale observations, single- and multi-package shipments, merchant and Amazon cancellations, blocked imports,
/// faults of every mode, sync cycles and restarts.
/// <c>dotnet run --project samples/AmazonFulfillment.ScenarioGenerator -- [--orders 1200] [--seed 20261120] [--out file]</c>.
/// </summary>
public static class Program
{
    /// <summary>The entry point.</summary>
    /// <param name="args">Options.</param>
    /// <returns>0, or 2 for bad options.</returns>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var orders = 1200;
        var seed = 20261120;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--orders" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out orders) && orders > 0:
                case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed):
                    i++;
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    Console.Error.WriteLine("usage: AmazonFulfillment.ScenarioGenerator [--orders N] [--seed S] [--out file.jsonl]");
                    return 2;
            }
        }

        var text = MarketplaceDay.Generate(orders, seed);
        if (output is null)
        {
            Console.Out.Write(text);
        }
        else
        {
            File.WriteAllText(output, text, new UTF8Encoding(false));
        }

        return 0;
    }
}

/// <summary>Builds the scenario.</summary>
public static class MarketplaceDay
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Generates the scenario text.</summary>
    /// <param name="orderCount">How many Amazon orders.</param>
    /// <param name="seed">The random seed; the same seed gives the same file.</param>
    /// <returns>JSON Lines.</returns>
    public static string Generate(int orderCount, int seed)
    {
        var random = new Random(seed);
        var events = new List<(DateTimeOffset At, int Seq, string Json)>();
        var seq = 0;
        void Add(DateTimeOffset at, string key, Action<Utf8JsonWriter> value) => events.Add((at, seq++, EventLine(at, key, value)));

        var skus = Enumerable.Range(1, 40).Select(i => $"SKU-{i:D3}").ToArray();
        var outOfStock = new HashSet<string>(StringComparer.Ordinal) { "SKU-007", "SKU-013", "SKU-029" };
        var buyers = Enumerable.Range(1, 350).Select(i => $"buyer{i:D4}@marketplace.amazon.com").ToArray();

        Add(Day, "settings", w =>
        {
            w.WriteStartObject();
            w.WriteString("customerCreation", "CreateAccount");
            w.WriteNumber("maxImportAttempts", 3);
            w.WriteEndObject();
        });
        Add(Day, "catalog", w =>
        {
            w.WriteStartArray();
            foreach (var sku in skus)
            {
                w.WriteStartObject();
                w.WriteString("sku", sku);
                w.WriteString("stock", outOfStock.Contains(sku) ? "OutOfStock" : sku == "SKU-040" ? "NotManaged" : "InStock");
                w.WriteBoolean("enabled", true);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        Add(Day, "customers", w =>
        {
            w.WriteStartArray();
            for (var i = 0; i < 25; i++)
            {
                w.WriteStartObject();
                w.WriteString("email", buyers[i * 7]);
                w.WriteString("name", $"Returning Buyer {i + 1}");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

        for (var n = 0; n < orderCount; n++)
        {
            var id = $"{(n % 2 == 0 ? "111" : "114")}-{1_000_000 + n:D7}-{random.Next(1_000_000, 9_999_999):D7}";
            var placed = Day.AddSeconds(random.Next(0, 18 * 3600));
            var fba = random.NextDouble() < 0.25;
            var lines = Enumerable.Range(0, random.Next(1, 4)).Select(i => new Line(
                $"{(n * 10) + i + 10_000_000_000_000L:D14}",
                random.NextDouble() < 0.02 ? $"UNLISTED-{n}" : skus[random.Next(skus.Length)],
                random.Next(1, 4),
                random.Next(500, 9_999))).DistinctBy(l => l.Sku).ToList();
            var email = random.NextDouble() < 0.1 ? null : buyers[random.Next(buyers.Length)];
            var order = new OrderFacts(id, fba, placed, lines, email);

            if (fba)
            {
                PlanFba(order, random, Add);
            }
            else
            {
                PlanMerchant(order, random, Add);
            }
        }

        // Faults of every mode on every port, sync cycles every 15 minutes, a few restarts, and a catalog fix at noon.
        var faults = new (string Port, string Operation, string[] Modes)[]
        {
            ("amazon", "GetOrderItems", ["transient", "throttled", "lost-response", "permanent"]),
            ("amazon", "ConfirmShipment", ["transient", "throttled", "lost-response", "permanent"]),
            ("amazon", "CancelOrder", ["transient", "throttled", "lost-response"]),
            ("commerce", "CreateOrder", ["transient", "lost-response", "permanent"]),
            ("commerce", "CompleteOrder", ["transient", "lost-response"]),
            ("commerce", "CancelOrder", ["transient", "lost-response"]),
            ("customers", "FindCustomer", ["transient", "permanent"]),
            ("customers", "CreateCustomer", ["transient", "lost-response"]),
            ("store", "Load", ["transient", "lost-response", "permanent"]),
            ("store", "Save", ["transient", "throttled", "lost-response", "permanent"]),
        };
        for (var minute = 7; minute < 24 * 60; minute += 11)
        {
            var (port, operation, modes) = faults[random.Next(faults.Length)];
            var mode = modes[random.Next(modes.Length)];
            var count = port == "store" ? random.Next(1, 3) : random.Next(1, 4);
            Add(Day.AddMinutes(minute).AddSeconds(30), "fault", w =>
            {
                w.WriteStartObject();
                w.WriteString("port", port);
                w.WriteString("operation", operation);
                w.WriteString("mode", mode);
                w.WriteNumber("count", count);
                w.WriteEndObject();
            });
        }

        for (var minute = 15; minute < 24 * 60; minute += 15)
        {
            Add(Day.AddMinutes(minute), "sync", Empty);
        }

        foreach (var hour in new[] { 3, 8, 13, 17, 22 })
        {
            Add(Day.AddHours(hour).AddMinutes(41), "restart", Empty);
        }

        Add(Day.AddHours(12), "catalog", w =>
        {
            w.WriteStartArray();
            foreach (var sku in outOfStock)
            {
                w.WriteStartObject();
                w.WriteString("sku", sku);
                w.WriteString("stock", "InStock");
                w.WriteBoolean("enabled", true);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

        var sb = new StringBuilder();
        sb.Append("// A marketplace day: ").Append(orderCount.ToString(CultureInfo.InvariantCulture)).Append(" Amazon orders (MFN and FBA), generated with seed ")
            .Append(seed.ToString(CultureInfo.InvariantCulture)).Append(" by samples/AmazonFulfillment.ScenarioGenerator. Do not edit by hand.\n");
        foreach (var e in events.OrderBy(e => e.At).ThenBy(e => e.Seq))
        {
            sb.Append(e.Json).Append('\n');
        }

        return sb.ToString();
    }

    private static void PlanMerchant(OrderFacts o, Random random, Action<DateTimeOffset, string, Action<Utf8JsonWriter>> add)
    {
        var roll = random.NextDouble();
        var verified = o.Placed.AddMinutes(random.Next(1, 30));
        if (roll < 0.03)
        {
            // First seen Shipped: the merchant shipped it in Seller Central.
            add(verified, "amazon", w => Observation(w, o, "Shipped", verified, shippedAll: true, withItems: true));
            return;
        }

        add(o.Placed, "amazon", w => Observation(w, o, "Pending", o.Placed, shippedAll: false, withItems: true));
        add(verified, "amazon", w => Observation(w, o, "Unshipped", verified, shippedAll: false, withItems: false));
        if (random.NextDouble() < 0.2)
        {
            var again = verified.AddMinutes(random.Next(1, 60));
            add(again, "amazon", w => Observation(w, o, "Unshipped", verified, shippedAll: false, withItems: false));
        }

        if (random.NextDouble() < 0.1)
        {
            var late = verified.AddMinutes(random.Next(1, 90));
            add(late, "amazon", w => Observation(w, o, "Pending", o.Placed, shippedAll: false, withItems: false));
        }

        var next = verified.AddMinutes(random.Next(30, 240));
        roll = random.NextDouble();
        if (roll < 0.62)
        {
            var multi = o.Lines.Count > 1 && random.NextDouble() < 0.5;
            var packages = multi ? o.Lines.Select(l => new[] { l }).ToList() : [o.Lines.ToArray()];
            var reference = 1;
            foreach (var package in packages)
            {
                var at = next;
                var number = reference++;
                var tracking = $"1Z{o.Id[4..11]}{o.Id[12..]}{number:D2}"; // UPS layout: 1Z and 16 letters or digits
                add(at, "shipment", w => Shipment(w, o, number, tracking, package, at));
                if (random.NextDouble() < 0.08)
                {
                    var again = at.AddMinutes(random.Next(1, 30));
                    add(again, "shipment", w => Shipment(w, o, number, tracking, package, at));
                }

                next = next.AddMinutes(random.Next(10, 120));
            }

            var shipped = next.AddMinutes(random.Next(5, 120));
            add(shipped, "amazon", w => Observation(w, o, "Shipped", shipped, shippedAll: true, withItems: true));
        }
        else if (roll < 0.72)
        {
            add(next, "cancel", w =>
            {
                w.WriteStartObject();
                w.WriteString("amazonOrderId", o.Id);
                w.WriteString("reason", "NoInventory");
                w.WriteEndObject();
            });
        }
        else if (roll < 0.80)
        {
            add(next, "amazon", w => Observation(w, o, "Canceled", next, shippedAll: false, withItems: false));
        }
        else if (roll < 0.86)
        {
            add(next, "amazon", w => Observation(w, o, "Shipped", next, shippedAll: true, withItems: true));
        }
        else if (roll < 0.90)
        {
            add(next, "retry", w =>
            {
                w.WriteStartObject();
                w.WriteString("amazonOrderId", o.Id);
                w.WriteEndObject();
            });
        }
    }

    private static void PlanFba(OrderFacts o, Random random, Action<DateTimeOffset, string, Action<Utf8JsonWriter>> add)
    {
        add(o.Placed, "amazon", w => Observation(w, o, "Pending", o.Placed, shippedAll: false, withItems: true));
        var verified = o.Placed.AddMinutes(random.Next(1, 30));
        add(verified, "amazon", w => Observation(w, o, "Unshipped", verified, shippedAll: false, withItems: false));
        if (random.NextDouble() < 0.06)
        {
            // Canceled before shipping: never seen.
            var canceled = verified.AddMinutes(random.Next(5, 60));
            add(canceled, "amazon", w => Observation(w, o, "Canceled", canceled, shippedAll: false, withItems: false));
            return;
        }

        var shipped = verified.AddMinutes(random.Next(60, 360));
        add(shipped, "amazon", w => Observation(w, o, "Shipped", shipped, shippedAll: true, withItems: true));
        if (random.NextDouble() < 0.25)
        {
            var again = shipped.AddMinutes(random.Next(1, 120));
            add(again, "amazon", w => Observation(w, o, "Shipped", shipped, shippedAll: true, withItems: false));
        }
    }

    private static void Observation(Utf8JsonWriter w, OrderFacts o, string status, DateTimeOffset updated, bool shippedAll, bool withItems)
    {
        var pending = status == "Pending";
        var units = o.Lines.Sum(l => l.Quantity);
        w.WriteStartObject();
        w.WriteStartObject("order");
        w.WriteString("AmazonOrderId", o.Id);
        w.WriteString("PurchaseDate", Iso(o.Placed));
        w.WriteString("LastUpdateDate", Iso(updated));
        w.WriteString("OrderStatus", status);
        w.WriteString("FulfillmentChannel", o.Fba ? "AFN" : "MFN");
        w.WriteString("SalesChannel", "Amazon.com");
        w.WriteString("ShipServiceLevel", "Std US D2D Dom");
        if (!pending)
        {
            w.WriteStartObject("OrderTotal");
            w.WriteString("CurrencyCode", "USD");
            w.WriteString("Amount", Amount(o.Lines.Sum(l => l.Cents * l.Quantity)));
            w.WriteEndObject();
        }

        w.WriteNumber("NumberOfItemsShipped", shippedAll ? units : 0);
        w.WriteNumber("NumberOfItemsUnshipped", shippedAll || pending ? 0 : units);
        w.WriteString("PaymentMethod", "Other");
        w.WriteString("MarketplaceId", "ATVPDKIKX0DER");
        w.WriteString("ShipmentServiceLevelCategory", "Standard");
        w.WriteString("OrderType", "StandardOrder");
        w.WriteBoolean("IsBusinessOrder", false);
        w.WriteBoolean("IsPrime", o.Fba);
        w.WriteBoolean("IsPremiumOrder", false);
        w.WriteBoolean("IsGlobalExpressEnabled", false);
        if (!pending && !o.Fba && o.Email is not null)
        {
            w.WriteStartObject("BuyerInfo");
            w.WriteString("BuyerEmail", o.Email);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        if (withItems)
        {
            w.WriteStartArray("items");
            foreach (var line in o.Lines)
            {
                w.WriteStartObject();
                w.WriteString("ASIN", "B0" + line.OrderItemId[^8..]);
                w.WriteString("OrderItemId", line.OrderItemId);
                w.WriteString("SellerSKU", line.Sku);
                w.WriteString("Title", "Product " + line.Sku);
                w.WriteNumber("QuantityOrdered", line.Quantity);
                w.WriteNumber("QuantityShipped", shippedAll ? line.Quantity : 0);
                w.WriteStartObject("ItemPrice");
                w.WriteString("CurrencyCode", "USD");
                w.WriteString("Amount", Amount(line.Cents * line.Quantity));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Shipment(Utf8JsonWriter w, OrderFacts o, int reference, string tracking, Line[] lines, DateTimeOffset at)
    {
        w.WriteStartObject();
        w.WriteString("amazonOrderId", o.Id);
        w.WriteString("packageReferenceId", reference.ToString(CultureInfo.InvariantCulture));
        w.WriteString("carrierCode", "UPS");
        w.WriteString("shippingMethod", "Ground");
        w.WriteString("trackingNumber", tracking);
        w.WriteString("shipDate", Iso(at));
        w.WriteStartArray("items");
        foreach (var line in lines)
        {
            w.WriteStartObject();
            w.WriteString("orderItemId", line.OrderItemId);
            w.WriteNumber("quantity", line.Quantity);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Empty(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteEndObject();
    }

    private static string EventLine(DateTimeOffset at, string key, Action<Utf8JsonWriter> value)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Compact))
        {
            w.WriteStartObject();
            w.WriteString("at", Iso(at));
            w.WritePropertyName(key);
            value(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Amount(int cents) => (cents / 100m).ToString("F2", CultureInfo.InvariantCulture);

    private sealed record Line(string OrderItemId, string Sku, int Quantity, int Cents);

    private sealed record OrderFacts(string Id, bool Fba, DateTimeOffset Placed, List<Line> Lines, string? Email);
}
