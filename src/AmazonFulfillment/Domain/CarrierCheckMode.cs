namespace AmazonFulfillment.Domain;

/// <summary>What a shipment whose carrier or tracking number fails the <see cref="CarrierCatalog"/> check does.</summary>
public enum CarrierCheckMode
{
    /// <summary>The shipment is refused with the reason, naming the field; nothing is recorded or sent. The merchant corrects it
    /// and records it again.</summary>
    Refuse,

    /// <summary>The shipment is recorded and sent to Amazon as given (carrier spelling still corrected), and the package carries
    /// the problem in <see cref="PackageRecord.CarrierWarning"/> so the merchant can check it.</summary>
    SendAndFlag,
}
