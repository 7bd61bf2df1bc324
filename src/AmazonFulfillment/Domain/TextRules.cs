namespace AmazonFulfillment.Domain;

/// <summary>Shared checks for the identifier-like text values of the domain.</summary>
internal static class TextRules
{
    public static string? Check(string? value, int maxLength, Func<char, bool> allowed, string allowedText)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "is required.";
        }

        if (value.Length > maxLength)
        {
            return $"is longer than {maxLength} characters.";
        }

        if (value.Trim().Length != value.Length)
        {
            return "has leading or trailing white space.";
        }

        foreach (var c in value)
        {
            if (!allowed(c))
            {
                return $"'{AmazonOrderId.Truncate(value)}' may contain only {allowedText}.";
            }
        }

        return null;
    }

    public static bool Printable(char c) => !char.IsControl(c);
}
