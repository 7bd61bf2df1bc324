using System.Globalization;
using AmazonFulfillment.Domain;

namespace AmazonFulfillment.CrashHost;

/// <summary>What the crash host and the crash tests agree on: the lines the host prints, and the package id of an order's line.
/// Compiled into both the host and the tests.</summary>
internal static class CrashProtocol
{
    /// <summary>The line printed once the store is ready, before any work: the tests time their kills from it.</summary>
    public const string WorkingLine = "crash host: working";

    /// <summary>The start of the line a final run prints when nothing is left.</summary>
    public const string DoneLine = "crash host: done";

    /// <summary>The package id of an order's line (as a Commerce shipment id would be): the order id's middle group of digits, and the line's number.</summary>
    /// <param name="order">The order, such as <c>903-0000012-0094928</c>.</param>
    /// <param name="line">The line's index in the order, from 0 to 8.</param>
    /// <returns>The package id, such as 121 for the first line of that order.</returns>
    public static PackageReferenceId PackageId(AmazonOrderId order, int line) =>
        PackageReferenceId.From((long.Parse(order.Value.AsSpan(4, 7), CultureInfo.InvariantCulture) * 10) + line + 1);
}
