namespace AmazonFulfillment.Domain;

/// <summary>
/// The outcome of validating untrusted input: either a value, or the field that was wrong and why.
/// Returned by the <c>TryCreate</c> and <c>TryParse</c> factories so that callers at a system boundary
/// can refuse bad input without exceptions.
/// </summary>
/// <typeparam name="T">The validated type.</typeparam>
public readonly record struct Validated<T>
{
    private readonly T? _value;

    private Validated(T? value, string? field, string? error)
    {
        _value = value;
        Field = field;
        Error = error;
    }

    /// <summary>Gets a value indicating whether the input was valid.</summary>
    public bool IsValid => Error is null;

    /// <summary>Gets the validated value.</summary>
    /// <exception cref="InvalidOperationException">The input was not valid.</exception>
    public T Value => IsValid ? _value! : throw ProblemCodes.Attach(ProblemCodes.UsageInvalidOperation, new InvalidOperationException($"Invalid {Field}: {Error}"));

    /// <summary>Gets the name of the offending field, or <see langword="null"/> when valid.</summary>
    public string? Field { get; }

    /// <summary>Gets why the input was refused, or <see langword="null"/> when valid.</summary>
    public string? Error { get; }

    /// <summary>Creates a valid result.</summary>
    /// <param name="value">The value.</param>
    /// <returns>A valid result holding <paramref name="value"/>.</returns>
    public static Validated<T> Ok(T value) => new(value, null, null);

    /// <summary>Creates an invalid result naming the field and the reason.</summary>
    /// <param name="field">The offending field.</param>
    /// <param name="error">Why it was refused.</param>
    /// <returns>An invalid result.</returns>
    public static Validated<T> Fail(string field, string error) => new(default, field, error);

    /// <summary>Carries a failure over to another type.</summary>
    /// <typeparam name="TOther">The other type.</typeparam>
    /// <returns>An invalid result with the same field and error.</returns>
    /// <exception cref="InvalidOperationException">This result is valid.</exception>
    public Validated<TOther> As<TOther>() =>
        IsValid ? throw ProblemCodes.Attach(ProblemCodes.UsageInvalidOperation, new InvalidOperationException("A valid result has no failure to carry.")) : Validated<TOther>.Fail(Field!, Error!);

    /// <summary>Returns the value, or throws an <see cref="ArgumentException"/> naming the field.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The input was not valid.</exception>
    public T OrThrow() => OrThrow(ProblemCodes.InputInvalidValue);

    /// <summary>Returns the value, or throws an <see cref="ArgumentException"/> naming the field and carrying <paramref name="code"/>.</summary>
    internal T OrThrow(string code) => IsValid ? _value! : throw ProblemCodes.Attach(code, new ArgumentException(Error, Field));

    /// <inheritdoc />
    public override string ToString() => IsValid ? $"Valid({_value})" : $"Invalid {Field}: {Error}";
}
