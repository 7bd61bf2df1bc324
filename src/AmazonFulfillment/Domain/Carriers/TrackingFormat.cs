using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace AmazonFulfillment.Domain;

/// <summary>
/// The layout of a carrier's tracking numbers: one or more regular expressions, each matched against the whole
/// normalised number (see <see cref="Normalize"/>). Layout only: no check digit is verified.
/// </summary>
public sealed class TrackingFormat
{
    /// <summary>Longest normalised number a format is matched against; longer text is no tracking number.</summary>
    internal const int MaxLength = 64;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private readonly ImmutableArray<Regex> _regexes;

    /// <summary>Creates a format.</summary>
    /// <param name="id">The id carriers refer to it by, such as <c>ups</c>.</param>
    /// <param name="description">The layout in words, used in refusals, such as <c>1Z followed by 16 letters or digits</c>.</param>
    /// <param name="patterns">Regular expressions over the normalised number (upper case, no spaces); each must
    /// match the whole number, so they carry no <c>^</c> or <c>$</c>.</param>
    /// <exception cref="ArgumentException">A value is blank, no pattern is given, or a pattern is not a valid regular
    /// expression; the parameter name names it.</exception>
    public TrackingFormat(string id, string description, IEnumerable<string> patterns)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException("A tracking format id must not be blank.", nameof(id)));
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"Tracking format '{id}' needs a description.", nameof(description)));
        }

        ArgumentNullException.ThrowIfNull(patterns);
        var list = patterns.ToImmutableArray();
        if (list.IsEmpty)
        {
            throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"Tracking format '{id}' needs at least one pattern.", nameof(patterns)));
        }

        var regexes = ImmutableArray.CreateBuilder<Regex>(list.Length);
        foreach (var pattern in list)
        {
            if (string.IsNullOrWhiteSpace(pattern))
            {
                throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"Tracking format '{id}' has a blank pattern.", nameof(patterns)));
            }

            try
            {
                regexes.Add(new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant, MatchTimeout));
            }
            catch (ArgumentException e)
            {
                throw ProblemCodes.Attach(ProblemCodes.SettingsCarrierCatalogInvalid, new ArgumentException($"Tracking format '{id}' has an invalid pattern '{pattern}': {e.Message}", nameof(patterns), e));
            }
        }

        Id = id.Trim();
        Description = description.Trim();
        Patterns = list;
        _regexes = regexes.MoveToImmutable();
    }

    /// <summary>Gets the id carriers refer to the format by.</summary>
    public string Id { get; }

    /// <summary>Gets the layout in words.</summary>
    public string Description { get; }

    /// <summary>Gets the regular expressions, as given (each matched against the whole normalised number).</summary>
    public ImmutableArray<string> Patterns { get; }

    /// <summary>Normalises a tracking number for matching: trimmed, inner white space removed, upper case.</summary>
    /// <param name="trackingNumber">The number as typed.</param>
    /// <returns>The normalised number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trackingNumber"/> is null.</exception>
    public static string Normalize(string trackingNumber)
    {
        ArgumentNullException.ThrowIfNull(trackingNumber);
        var text = new StringBuilder(trackingNumber.Length);
        foreach (var c in trackingNumber)
        {
            if (!char.IsWhiteSpace(c))
            {
                text.Append(char.ToUpperInvariant(c));
            }
        }

        return text.ToString();
    }

    /// <summary>Gets whether a tracking number has this layout (after <see cref="Normalize"/>).</summary>
    /// <param name="trackingNumber">The number as typed.</param>
    /// <returns><see langword="true"/> when one of the patterns matches the whole normalised number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trackingNumber"/> is null.</exception>
    public bool Matches(string trackingNumber)
    {
        var number = Normalize(trackingNumber);
        if (number.Length == 0 || number.Length > MaxLength)
        {
            return false;
        }

        foreach (var regex in _regexes)
        {
            try
            {
                if (regex.IsMatch(number))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A host's pattern that backtracks too long matches nothing rather than stalling the workflow.
            }
        }

        return false;
    }
}
