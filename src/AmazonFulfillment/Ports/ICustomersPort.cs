namespace AmazonFulfillment.Ports;

/// <summary>The Commerce backend's customers. Implemented by the host. Emails are restricted data: never log them.</summary>
public interface ICustomersPort
{
    /// <summary>Finds the customer with this email.</summary>
    /// <param name="email">The email (compared case-insensitively).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The customer id, <see langword="null"/> when none exists, or a failure.</returns>
    ValueTask<PortResult<string?>> FindCustomerAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a customer. Unique per email: when one with this email exists already (created concurrently, or
    /// by an earlier call whose response was lost), returns it instead of creating a second.
    /// </summary>
    /// <param name="email">The email.</param>
    /// <param name="name">The name, if known.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The customer id, or a failure.</returns>
    ValueTask<PortResult<string>> CreateCustomerAsync(string email, string? name, CancellationToken cancellationToken = default);
}
