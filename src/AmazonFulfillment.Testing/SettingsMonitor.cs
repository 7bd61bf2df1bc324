using Microsoft.Extensions.Options;

namespace AmazonFulfillment.Testing;

/// <summary>An <see cref="IOptionsMonitor{TOptions}"/> whose value a test sets; listeners are told of each change.</summary>
/// <typeparam name="T">The options type.</typeparam>
/// <param name="initial">The first value.</param>
public sealed class SettingsMonitor<T>(T initial) : IOptionsMonitor<T>
    where T : class
{
    private readonly Lock _gate = new();
    private readonly List<Action<T, string?>> _listeners = [];
    private T _current = initial ?? throw new ArgumentNullException(nameof(initial));

    /// <inheritdoc />
    public T CurrentValue
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Replaces the value.</summary>
    /// <param name="value">The new value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public void Set(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Action<T, string?>[] listeners;
        lock (_gate)
        {
            _current = value;
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(value, Options.DefaultName);
        }
    }

    /// <inheritdoc />
    public T Get(string? name) => CurrentValue;

    /// <inheritdoc />
    public IDisposable OnChange(Action<T, string?> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    private sealed class Subscription(SettingsMonitor<T> owner, Action<T, string?> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._listeners.Remove(listener);
            }
        }
    }
}
