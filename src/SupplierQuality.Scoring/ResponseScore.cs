namespace SupplierQuality.Scoring;

/// <summary>
/// A response's scores: a dimension's score is the mean of the values of its answered scored questions; the overall
/// score is the mean of the answered dimensions' scores weighted by the dimensions' weights. Neither exists when
/// nothing it is made of was answered.
/// </summary>
public static class ResponseScore
{
    /// <param name="values">The 0-100 values of the dimension's answered scored questions.</param>
    public static double? Dimension(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return WeightedMean.Of(values.Select(v => (v, 1.0)));
    }

    /// <param name="dimensions">The answered dimensions' scores with their weights; a weight of 0 leaves a dimension out.</param>
    public static double? Overall(IEnumerable<(double Score, double Weight)> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        return WeightedMean.Of(dimensions);
    }
}
