using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AmazonFulfillment.Tests.Support;

/// <summary>Collects every log entry at every level: the formatted message, each state value, and the exception.</summary>
internal sealed class CapturingLogger : ILoggerFactory, ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        _entries.Enqueue("scope: " + state);
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _entries.Enqueue($"{logLevel} {eventId}: {formatter(state, exception)}");
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                _entries.Enqueue($"{key}={value}");
            }
        }

        if (exception is not null)
        {
            _entries.Enqueue(exception.ToString());
        }
    }

    public void Dispose()
    {
    }
}
