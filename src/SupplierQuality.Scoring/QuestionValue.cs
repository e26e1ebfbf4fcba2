namespace SupplierQuality.Scoring;

/// <summary>
/// An answer's value on the 0-100 score scale: Likert point x of k is 100·(x − 1)/(k − 1), a 0-10 rating x is 10·x,
/// yes is 100 and no is 0.
/// </summary>
public static class QuestionValue
{
    public static double Likert(int point, int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(point, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(point, points);
        return 100.0 * (point - 1) / (points - 1);
    }

    public static double Rating(int rating)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rating);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, 10);
        return 10.0 * rating;
    }

    public static double YesNo(bool yes) => yes ? 100 : 0;
}
