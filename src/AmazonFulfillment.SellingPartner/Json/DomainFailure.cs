using AmazonFulfillment.Domain;

namespace AmazonFulfillment.SellingPartner.Json;

/// <summary>Turns a domain validation failure into a format error at the payload's spelling of the field.</summary>
internal static class DomainFailure
{
    public static T OrThrow<T>(this Validated<T> result, Func<string, FieldPath> locate) =>
        result.IsValid ? result.Value : throw locate(result.Field!).Fail(result.Error!);

    public static T OrThrow<T>(this Validated<T> result, FieldPath at) =>
        result.IsValid ? result.Value : throw at.Fail(result.Error!);
}
