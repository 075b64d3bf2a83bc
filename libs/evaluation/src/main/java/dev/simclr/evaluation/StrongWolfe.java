package dev.simclr.evaluation;

/**
 * Line search for a step length t along d satisfying the strong Wolfe conditions (sufficient decrease c1 = 1e-4,
 * curvature c2 = 0.9): bracketing with cubic extrapolation, then zoom with safeguarded cubic interpolation (Nocedal
 * &amp; Wright Algorithms 3.5 and 3.6).
 */
final class StrongWolfe {

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_EVALUATIONS = 25;

    /** The accepted step, the objective and gradient there, and how many evaluations it took. */
    record Step(double t, double value, double[] gradient, int evaluations) {}

    private StrongWolfe() {}

    private record Point(double t, double f, double[] g, double gtd) {}

    static Step search(
            Lbfgs.Objective objective,
            double[] x,
            double f0,
            double[] g0,
            double[] d,
            double t,
            double gtd0,
            double tolerance) {
        double dNorm = Lbfgs.maxAbs(d);
        Point start = new Point(0, f0, g0, gtd0);
        Point prev = start;
        Point cur = eval(objective, x, d, t);
        int evaluations = 1;
        Point lo;
        Point hi;
        while (true) {
            if (cur.f > f0 + C1 * cur.t * gtd0 || (evaluations > 1 && cur.f >= prev.f)) {
                lo = prev;
                hi = cur;
                break;
            }
            if (Math.abs(cur.gtd) <= -C2 * gtd0) {
                return new Step(cur.t, cur.f, cur.g, evaluations);
            }
            if (cur.gtd >= 0) {
                lo = cur;
                hi = prev;
                break;
            }
            if (evaluations >= MAX_EVALUATIONS) {
                return best(start, cur, evaluations);
            }
            double next = cubicMinimum(prev, cur, cur.t + 0.01 * (cur.t - prev.t), 10 * cur.t);
            prev = cur;
            cur = eval(objective, x, d, next);
            evaluations++;
        }
        boolean insufficientProgress = false;
        while (evaluations < MAX_EVALUATIONS && Math.abs(hi.t - lo.t) * dNorm >= tolerance) {
            double min = Math.min(lo.t, hi.t);
            double max = Math.max(lo.t, hi.t);
            double next = cubicMinimum(lo, hi, min, max);
            double eps = 0.1 * (max - min);
            if (Math.min(max - next, next - min) < eps) {
                if (insufficientProgress || next >= max || next <= min) {
                    next = Math.abs(next - max) < Math.abs(next - min) ? max - eps : min + eps;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            Point p = eval(objective, x, d, next);
            evaluations++;
            if (p.f > f0 + C1 * p.t * gtd0 || p.f >= lo.f) {
                hi = p;
            } else {
                if (Math.abs(p.gtd) <= -C2 * gtd0) {
                    return new Step(p.t, p.f, p.g, evaluations);
                }
                if (p.gtd * (hi.t - lo.t) >= 0) {
                    hi = lo;
                }
                lo = p;
            }
        }
        return best(start, lo, evaluations);
    }

    /** The lowest point seen that decreases f; t = 0 (no move) when none does. */
    private static Step best(Point start, Point p, int evaluations) {
        if (p.f < start.f) {
            return new Step(p.t, p.f, p.g, evaluations);
        }
        return new Step(0, start.f, start.g, evaluations);
    }

    private static Point eval(Lbfgs.Objective objective, double[] x, double[] d, double t) {
        double[] xt = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xt[i] = x[i] + t * d[i];
        }
        double[] g = new double[x.length];
        double f = objective.evaluate(xt, g);
        return new Point(t, f, g, Lbfgs.dot(g, d));
    }

    /** Minimiser of the cubic through two points with slopes, clamped to [lo, hi]; else bisection. */
    static double cubicMinimum(Point a, Point b, double lo, double hi) {
        double d1 = a.gtd + b.gtd - 3 * (a.f - b.f) / (a.t - b.t);
        double d2sq = d1 * d1 - a.gtd * b.gtd;
        if (d2sq >= 0 && a.t != b.t) {
            double d2 = Math.sqrt(d2sq);
            double t = a.t <= b.t
                    ? b.t - (b.t - a.t) * ((b.gtd + d2 - d1) / (b.gtd - a.gtd + 2 * d2))
                    : a.t - (a.t - b.t) * ((a.gtd + d2 - d1) / (a.gtd - b.gtd + 2 * d2));
            if (Double.isFinite(t)) {
                return Math.min(Math.max(t, lo), hi);
            }
        }
        return (lo + hi) / 2;
    }
}
