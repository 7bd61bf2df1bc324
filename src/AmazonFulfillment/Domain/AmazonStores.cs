namespace AmazonFulfillment.Domain;

/// <summary>
/// Amazon stores: a seller account on a marketplace (or any name the host gives it) with its own order settings. Every tracked
/// order belongs to one; a host with a single store never needs to name it.
/// </summary>
public static class AmazonStores
{
    /// <summary>The store of every order that names none, and of every document stored before stores existed.</summary>
    public const string Default = "default";

    /// <summary>The longest store name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Checks a store name: non-blank, at most <see cref="MaxNameLength"/> characters, no leading or trailing white space
    /// and no control characters.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Why the name is invalid, or <see langword="null"/> when it is valid.</returns>
    public static string? Problem(string? name) => TextRules.Check(name, MaxNameLength, TextRules.Printable, "printable characters");

    /// <summary>Throws when a store name is invalid.</summary>
    /// <param name="name">The name.</param>
    /// <param name="parameter">The parameter or field name to name in the error.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public static string Require(string? name, string parameter = "amazonStore") =>
        Problem(name) is { } problem ? throw ProblemCodes.Attach(ProblemCodes.AmazonStoreNameInvalid, new ArgumentException($"The Amazon store name {problem}", parameter)) : name!;
}
