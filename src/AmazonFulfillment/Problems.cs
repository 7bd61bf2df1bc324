namespace AmazonFulfillment;

/// <summary>
/// The one way every settings and options type of the library reports what is wrong with it: a single message naming the
/// value and listing every problem, so that a host fixes its configuration in one go, with the problem's stable code.
/// </summary>
public static class Problems
{
    /// <summary>Formats the message for a value with problems; it ends with the code, for the failures that carry only a message
    /// (an options validation failure at start-up).</summary>
    /// <param name="subject">What was validated, such as <c>Amazon order settings</c>.</param>
    /// <param name="problems">Each problem as a sentence naming the field.</param>
    /// <param name="code">The stable code, such as <see cref="ProblemCodes.SettingsOrderSettingsInvalid"/>.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/>, <paramref name="problems"/> or <paramref name="code"/> is null.</exception>
    public static string Message(string subject, IEnumerable<string> problems, string code)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(code);
        return $"Invalid {subject}: {string.Join(" ", problems)} ({code})";
    }

    /// <summary>Throws when there is any problem.</summary>
    /// <param name="problems">Each problem as a sentence naming the field.</param>
    /// <param name="subject">What was validated.</param>
    /// <param name="paramName">The parameter that carried the value.</param>
    /// <param name="code">The stable code, such as <see cref="ProblemCodes.SettingsOptionsInvalid"/>; the exception carries it (<see cref="ProblemCodes.Of"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="problems"/> or <paramref name="code"/> is null.</exception>
    /// <exception cref="ArgumentException">There is a problem; the message lists every one.</exception>
    public static void ThrowIfAny(IReadOnlyCollection<string> problems, string subject, string paramName, string code)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(code);
        if (problems.Count > 0)
        {
            throw ProblemCodes.Attach(code, new ArgumentException(Message(subject, problems, code), paramName));
        }
    }
}
