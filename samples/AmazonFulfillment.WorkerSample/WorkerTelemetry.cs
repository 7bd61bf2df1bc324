using AmazonFulfillment.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AmazonFulfillment.WorkerSample;

/// <summary>
/// The OpenTelemetry SDK over the library's activity source and meters. Configuration section "Telemetry": OtlpEndpoint (metrics
/// and spans to an OTLP collector; the standard OTEL_EXPORTER_OTLP_ENDPOINT works too), else the console: ExportInterval
/// (how often the metrics are printed, default 60 seconds; they are printed at exit too) and ConsoleTraces (print the spans).
/// </summary>
internal static class WorkerTelemetry
{
    /// <summary>The SP-API client's meter (the order poller's lag).</summary>
    public const string ClientMeter = "AmazonFulfillment.SellingPartner.Client";

    /// <summary>Registers the SDK with its exporters.</summary>
    /// <returns>Where the telemetry goes, for the start-up line.</returns>
    public static string Add(HostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Telemetry");
        var endpoint = section["OtlpEndpoint"] is { Length: > 0 } configured ? new Uri(configured) : null;
        var otlp = endpoint is not null || !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var interval = (int)section.GetValue("ExportInterval", TimeSpan.FromSeconds(60)).TotalMilliseconds;
        var consoleTraces = section.GetValue("ConsoleTraces", false);

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("AmazonFulfillment.WorkerSample"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(FulfillmentTelemetry.Name);
                if (otlp)
                {
                    tracing.AddOtlpExporter(o => Target(o, endpoint));
                }
                else if (consoleTraces)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(FulfillmentTelemetry.Name, ClientMeter);
                if (otlp)
                {
                    metrics.AddOtlpExporter((o, reader) =>
                    {
                        Target(o, endpoint);
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                    });
                }
                else
                {
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval);
                }
            });

        return otlp
            ? $"metrics and spans to OTLP at {endpoint?.ToString() ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]}"
            : $"metrics on the console every {interval / 1000} s and at exit{(consoleTraces ? ", spans on the console" : string.Empty)}";
    }

    /// <summary>An endpoint given in the sample's own configuration wins over the environment's.</summary>
    private static void Target(OtlpExporterOptions options, Uri? endpoint)
    {
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }
    }
}
