using System.Runtime.CompilerServices;

namespace SupplierQuality.Scoring;

internal static class Check
{
    // NaN passes every comparison as false and would slip through the range checks and into sorts and sums.
    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "The value must be a finite number.");
}
