namespace AmazonFulfillment.SellingPartner.Json;

/// <summary>Where a reader is in a payload: the field path and the order it belongs to, for error messages.</summary>
internal readonly record struct FieldPath(string Path, string? OrderId)
{
    public static FieldPath Root { get; } = new(string.Empty, null);

    public FieldPath Child(string name) => this with { Path = Path.Length == 0 ? name : Path + "." + name };

    public FieldPath Index(int index) => this with { Path = $"{(Path.Length == 0 ? "$" : Path)}[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]" };

    public FieldPath ForOrder(string orderId) => this with { OrderId = orderId };

    public string Field => Path.Length == 0 ? "$" : Path;

    public SellingPartnerFormatException Fail(string reason) => new(Field, OrderId, reason);
}
