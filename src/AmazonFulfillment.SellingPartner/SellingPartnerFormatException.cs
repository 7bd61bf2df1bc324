namespace AmazonFulfillment.SellingPartner;

/// <summary>
/// An SP-API payload that cannot be mapped to the domain: malformed JSON, a missing required field,
/// an unknown status, a bad amount or quantity. The message names the field and, when known, the order;
/// it never contains buyer data (email, name, phone, address), which is restricted under Amazon's data
/// protection policy. Its code is <see cref="ProblemCodes.SpApiPayloadInvalid"/>.
/// </summary>
public sealed class SellingPartnerFormatException : FormatException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public SellingPartnerFormatException()
        : this("The SP-API payload is malformed.")
    {
    }

    /// <summary>Creates an exception with a message and no field.</summary>
    /// <param name="message">The message; must not contain buyer data.</param>
    public SellingPartnerFormatException(string message)
        : base(message)
    {
        Reason = message;
        Data[ProblemCodes.DataKey] = Code;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message; must not contain buyer data.</param>
    /// <param name="innerException">The cause.</param>
    public SellingPartnerFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
        Data[ProblemCodes.DataKey] = Code;
    }

    /// <summary>Creates an exception naming the offending field and order.</summary>
    /// <param name="field">The path of the offending field in the payload, such as <c>payload.Orders[0].OrderStatus</c>.</param>
    /// <param name="amazonOrderId">The order the field belongs to, or <see langword="null"/> when unknown.</param>
    /// <param name="reason">Why the field was refused; must not contain buyer data.</param>
    public SellingPartnerFormatException(string field, string? amazonOrderId, string reason)
        : base(Describe(field, amazonOrderId, reason))
    {
        Field = field;
        AmazonOrderId = amazonOrderId;
        Reason = reason;
        Data[ProblemCodes.DataKey] = Code;
    }

    /// <summary>Gets the stable code: <see cref="ProblemCodes.SpApiPayloadInvalid"/>.</summary>
    public string Code { get; } = ProblemCodes.SpApiPayloadInvalid;

    /// <summary>Gets the path of the offending field in the payload (SP-API's own field names), or <see langword="null"/>.</summary>
    public string? Field { get; }

    /// <summary>Gets the Amazon order id the field belongs to, or <see langword="null"/> when it is unknown.</summary>
    public string? AmazonOrderId { get; }

    /// <summary>Gets why the field was refused, without the field and order (the message has both).</summary>
    public string Reason { get; }

    private static string Describe(string field, string? amazonOrderId, string reason) =>
        amazonOrderId is null
            ? $"SP-API field '{field}': {reason}"
            : $"SP-API field '{field}' of order {amazonOrderId}: {reason}";
}
