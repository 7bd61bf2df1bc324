namespace AmazonFulfillment.Domain;

/// <summary>
/// The buyer's contact details when Amazon gives them. Restricted data under Amazon's data protection
/// policy: <see cref="ToString"/> never prints them, so they cannot leak into logs or exception messages.
/// </summary>
public sealed record BuyerInfo
{
    /// <summary>Creates buyer details; blank values are treated as absent.</summary>
    /// <param name="email">The buyer's (often anonymized) email, or <see langword="null"/>.</param>
    /// <param name="name">The buyer's name, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="email"/> is present but has no <c>@</c> or is longer than 320 characters.</exception>
    public BuyerInfo(string? email, string? name)
    {
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (email is not null && (email.Length > 320 || !email.Contains('@', StringComparison.Ordinal)))
        {
            throw ProblemCodes.Attach(ProblemCodes.InputInvalidValue, new ArgumentException("is not an email address.", "BuyerEmail"));
        }

        Email = email;
        Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
    }

    /// <summary>Gets the buyer's email, or <see langword="null"/> when Amazon withheld it.</summary>
    public string? Email { get; }

    /// <summary>Gets the buyer's name, or <see langword="null"/> when Amazon withheld it.</summary>
    public string? Name { get; }

    /// <summary>Validates untrusted buyer details.</summary>
    /// <param name="email">The email or <see langword="null"/>.</param>
    /// <param name="name">The name or <see langword="null"/>.</param>
    /// <returns>The details or the reason they were refused.</returns>
    public static Validated<BuyerInfo> TryCreate(string? email, string? name)
    {
        if (!string.IsNullOrWhiteSpace(email) && (email.Length > 320 || !email.Contains('@', StringComparison.Ordinal)))
        {
            return Validated<BuyerInfo>.Fail("BuyerEmail", "is not an email address.");
        }

        return Validated<BuyerInfo>.Ok(new BuyerInfo(email, name));
    }

    /// <summary>Returns a redacted description that says only which details are present.</summary>
    /// <returns>A text without personal data.</returns>
    public override string ToString() => $"BuyerInfo {{ Email = {(Email is null ? "none" : "[redacted]")}, Name = {(Name is null ? "none" : "[redacted]")} }}";
}
