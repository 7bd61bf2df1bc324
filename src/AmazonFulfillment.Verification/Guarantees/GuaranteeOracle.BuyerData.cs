using System.Globalization;
using AmazonFulfillment.Domain;
using AmazonFulfillment.Runtime;
using AmazonFulfillment.Workflows;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.Verification.Guarantees;

/// <summary>The buyer data the run has seen, and where it must never surface: texts, exception messages and log lines (guarantee 14).</summary>
public sealed partial class GuaranteeOracle
{
    private void AddBuyerData(BuyerInfo? buyer)
    {
        AddBuyerText(buyer?.Email, 3);
        AddBuyerText(buyer?.Name, 5);
    }

    private void AddBuyerData(ShippingAddress? address)
    {
        AddBuyerText(address?.Name, 5);
        AddBuyerText(address?.AddressLine1, 5);
        AddBuyerText(address?.Phone, 7);
    }

    private void AddBuyerText(string? text, int minimum)
    {
        if (text is { } t && t.Trim().Length >= minimum)
        {
            _buyerData.Add(t.Trim());
        }
    }

    /// <summary>Reports <paramref name="text"/> when it holds buyer data the run has seen (the data itself never appears in the report).</summary>
    private void CheckText(int guarantee, AmazonOrderId? id, string? text, string where)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        bool leaks;
        lock (_gate)
        {
            leaks = ContainsBuyerDataLocked(text);
        }

        if (leaks)
        {
            Add(guarantee, id, $"{where} holds buyer data.");
        }
    }

    private bool ContainsBuyerDataLocked(string text)
    {
        foreach (var data in _buyerData)
        {
            if (text.Contains(data, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class OracleLogger(GuaranteeOracle oracle) : ILogger<FulfillmentRuntime>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            AmazonOrderId? id = null;
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (name, value) in values)
                {
                    if (name == "AmazonOrderId" && AmazonOrderId.TryCreate(value as string, name) is { IsValid: true } parsed)
                    {
                        id = parsed.Value;
                    }

                    oracle.CheckText(14, id, Convert.ToString(value, CultureInfo.InvariantCulture), "a log value");
                }
            }

            oracle.CheckText(14, id, formatter(state, exception), "a log line");
            oracle.CheckText(14, id, exception?.Message, "a logged exception");
        }
    }
}
