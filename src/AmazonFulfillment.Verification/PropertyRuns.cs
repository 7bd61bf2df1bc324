using System.Globalization;
using FsCheck.Xunit;

namespace AmazonFulfillment.Verification;

/// <summary>
/// How many cases a property runs. CI runs the count a property declares; the environment variable
/// <c>AMAZONFULFILLMENT_PROPERTY_RUNS</c> multiplies it for soak runs (<c>AMAZONFULFILLMENT_PROPERTY_RUNS=100</c>
/// runs a hundred times as many), and <c>AMAZONFULFILLMENT_PROPERTY_REPLAY</c> replays one failing seed.
/// </summary>
public static class PropertyRuns
{
    /// <summary>The environment variable holding the multiplier.</summary>
    public const string Variable = "AMAZONFULFILLMENT_PROPERTY_RUNS";

    /// <summary>The environment variable holding a seed to replay, as FsCheck prints it: <c>(seed,gamma)</c>.</summary>
    public const string ReplayVariable = "AMAZONFULFILLMENT_PROPERTY_REPLAY";

    /// <summary>The CI default of cases per property.</summary>
    public const int DefaultRuns = 100;

    /// <summary>Gets the multiplier: the variable's positive integer value, else 1.</summary>
    public static int Multiplier { get; } = ParseMultiplier(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Gets the seed to replay, or <see langword="null"/> when none is set.</summary>
    public static string? Replay { get; } = Environment.GetEnvironmentVariable(ReplayVariable) is { Length: > 0 } r ? r.Trim() : null;

    /// <summary>Gets the instructions a failure message carries to replay the failing history.</summary>
    public static string ReplayInstructions =>
        "To replay this exact case, copy the (seed,gamma) pair FsCheck printed above and either set " + ReplayVariable
        + "=\"(seed,gamma)\" in the environment, or add Replay = \"(seed,gamma)\" to the property attribute; FsCheck then generates the same history and shrinks it the same way.";

    /// <summary>Scales a CI run count by the multiplier.</summary>
    /// <param name="ciRuns">Cases in CI, at least 1.</param>
    /// <returns>Cases to run now.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ciRuns"/> is below 1.</exception>
    /// <exception cref="OverflowException">The product does not fit in an <see cref="int"/>.</exception>
    public static int Scale(int ciRuns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ciRuns, 1);
        return checked(ciRuns * Multiplier);
    }

    /// <summary>Reads a multiplier from text: a positive integer, else 1.</summary>
    /// <param name="text">The text, such as the environment variable's value.</param>
    /// <returns>The multiplier.</returns>
    public static int ParseMultiplier(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0 ? m : 1;
}

/// <summary>
/// An FsCheck property over the kit's generators (<see cref="Generators.VerificationArbitraries"/>) whose case count honours
/// <see cref="PropertyRuns"/>: <c>[FulfillmentProperty]</c> runs <see cref="PropertyRuns.DefaultRuns"/> cases in CI,
/// <c>[FulfillmentProperty(50)]</c> 50, each times the multiplier; a seed in <see cref="PropertyRuns.ReplayVariable"/> is replayed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FulfillmentPropertyAttribute : PropertyAttribute
{
    /// <summary>Initializes the attribute.</summary>
    /// <param name="ciRuns">Cases in CI, before the multiplier.</param>
    public FulfillmentPropertyAttribute(int ciRuns = PropertyRuns.DefaultRuns)
    {
        CiRuns = ciRuns;
        MaxTest = PropertyRuns.Scale(ciRuns);
        Arbitrary = [typeof(Generators.VerificationArbitraries)];
        if (PropertyRuns.Replay is { } replay)
        {
            Replay = replay;
        }
    }

    /// <summary>Gets the cases in CI, before the multiplier.</summary>
    public int CiRuns { get; }
}
