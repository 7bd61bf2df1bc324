namespace AmazonFulfillment.Domain;

/// <summary>Who ships the order.</summary>
public enum FulfillmentChannel
{
    /// <summary>The merchant ships from its own warehouse (MFN, "FBM"; SP-API <c>MFN</c> / <c>MERCHANT</c>).</summary>
    Merchant,

    /// <summary>Amazon owns the stock and ships it (AFN, "FBA"; SP-API <c>AFN</c> / <c>AMAZON</c>).</summary>
    Amazon,
}
