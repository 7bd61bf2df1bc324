namespace AmazonFulfillment;

/// <summary>
/// The one way every settings and options type of the library reports what is wrong with it: a single message naming the
/// value and listing every problem, so that a host fixes its configuration in one go.
/// </summary>
public static class Problems
{
    /// <summary>Formats the message for a value with problems.</summary>
    /// <param name="subject">What was validated, such as <c>Amazon order settings</c>.</param>
    /// <param name="problems">Each problem as a sentence naming the field.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> or <paramref name="problems"/> is null.</exception>
    public static string Message(string subject, IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(problems);
        return $"Invalid {subject}: {string.Join(" ", problems)}";
    }

    /// <summary>Throws when there is any problem.</summary>
    /// <param name="problems">Each problem as a sentence naming the field.</param>
    /// <param name="subject">What was validated.</param>
    /// <param name="paramName">The parameter that carried the value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="problems"/> is null.</exception>
    /// <exception cref="ArgumentException">There is a problem; the message lists every one.</exception>
    public static void ThrowIfAny(IReadOnlyCollection<string> problems, string subject, string paramName)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException(Message(subject, problems), paramName);
        }
    }
}
