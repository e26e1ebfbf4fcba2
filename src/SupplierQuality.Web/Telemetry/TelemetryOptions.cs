using System.ComponentModel.DataAnnotations;
using System.Net;

namespace SupplierQuality.Web.Telemetry;

/// <summary>Where Prometheus scrapes this node. Bound from the "Telemetry" section; OTLP export reads the standard OTEL_* variables.</summary>
internal sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// The management port serving <c>/metrics</c> and nothing else. 0, the default: no such port. Off by default
    /// because nodes on one machine would fight over a fixed port, and a listener nobody asked for is one more thing
    /// to firewall.
    /// </summary>
    [Range(0, 65535)]
    public int MetricsPort { get; set; }

    /// <summary>The address the metrics port listens on; unset: every interface, since Prometheus usually scrapes from another host or container.</summary>
    public string? MetricsAddress { get; set; }

    /// <summary>The parsed <see cref="MetricsAddress"/>, or null for every interface. A method: binding and validation read every property.</summary>
    public IPAddress? ListenAddress() => string.IsNullOrWhiteSpace(MetricsAddress) ? null : IPAddress.Parse(MetricsAddress.Trim());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(MetricsAddress) && !IPAddress.TryParse(MetricsAddress.Trim(), out _))
        {
            yield return new ValidationResult(
                $"Telemetry:MetricsAddress '{MetricsAddress}' is not an IP address (for example 127.0.0.1 or 10.0.0.5).", [nameof(MetricsAddress)]);
        }
    }
}
