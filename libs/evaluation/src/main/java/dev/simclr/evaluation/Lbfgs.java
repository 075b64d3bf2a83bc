package dev.simclr.evaluation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Limited-memory BFGS over a flat double vector (two-loop recursion, Nocedal &amp; Wright Algorithm 7.4) with a
 * strong-Wolfe line search. The vectors are small (features × classes), so the direction algebra runs in plain Java;
 * the expensive part, the objective, is the caller's.
 */
final class Lbfgs {

    /** A differentiable objective: returns f(x) and writes ∇f(x) into {@code gradient}. */
    interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    /** Why the minimisation stopped. */
    enum Stop {
        GRADIENT,
        CHANGE,
        ITERATIONS,
        LINE_SEARCH
    }

    /** The minimiser found, its value, and the work done. */
    record Result(double[] x, double value, int iterations, int evaluations, Stop stop) {}

    private Lbfgs() {}

    static Result minimize(Objective objective, double[] x0, ProbeConfig cfg) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double f = objective.evaluate(x, g);
        int evaluations = 1;
        if (maxAbs(g) <= cfg.gradientTolerance()) {
            return new Result(x, f, 0, evaluations, Stop.GRADIENT);
        }
        Deque<double[][]> pairs = new ArrayDeque<>(); // {s, y, rho}, newest first
        double hDiag = 1;
        Stop stop = Stop.ITERATIONS;
        int iteration = 0;
        while (iteration < cfg.maxIterations()) {
            iteration++;
            double[] d = direction(g, pairs, hDiag);
            double gtd = dot(g, d);
            if (gtd > -cfg.changeTolerance()) {
                stop = Stop.CHANGE;
                iteration--;
                break;
            }
            double t = iteration == 1 ? Math.min(1, 1 / sumAbs(g)) : 1;
            StrongWolfe.Step step = StrongWolfe.search(objective, x, f, g, d, t, gtd, cfg.changeTolerance());
            evaluations += step.evaluations();
            if (step.t() == 0) {
                stop = Stop.LINE_SEARCH;
                break;
            }
            double[] s = scale(d, step.t());
            double[] y = subtract(step.gradient(), g);
            double ys = dot(y, s);
            if (ys > 1e-10) {
                if (pairs.size() == cfg.history()) {
                    pairs.removeLast();
                }
                pairs.addFirst(new double[][] {s, y, {1 / ys}});
                hDiag = ys / dot(y, y);
            }
            double previous = f;
            for (int i = 0; i < n; i++) {
                x[i] += s[i];
            }
            f = step.value();
            g = step.gradient();
            if (maxAbs(g) <= cfg.gradientTolerance()) {
                stop = Stop.GRADIENT;
                break;
            }
            if (maxAbs(s) <= cfg.changeTolerance() || Math.abs(f - previous) < cfg.changeTolerance()) {
                stop = Stop.CHANGE;
                break;
            }
        }
        return new Result(x, f, iteration, evaluations, stop);
    }

    /** −H·g by the two-loop recursion, H₀ = hDiag·I. */
    private static double[] direction(double[] g, Deque<double[][]> pairs, double hDiag) {
        double[] q = scale(g, -1);
        double[] alpha = new double[pairs.size()];
        int k = 0;
        for (double[][] p : pairs) { // newest to oldest
            alpha[k] = p[2][0] * dot(p[0], q);
            axpy(-alpha[k], p[1], q);
            k++;
        }
        for (int i = 0; i < q.length; i++) {
            q[i] *= hDiag;
        }
        Iterator<double[][]> oldestFirst = pairs.descendingIterator();
        while (oldestFirst.hasNext()) {
            double[][] p = oldestFirst.next();
            k--;
            double beta = p[2][0] * dot(p[1], q);
            axpy(alpha[k] - beta, p[0], q);
        }
        return q;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] scale(double[] v, double a) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = a * v[i];
        }
        return r;
    }

    private static double[] subtract(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] - b[i];
        }
        return r;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    private static double sumAbs(double[] v) {
        double s = 0;
        for (double e : v) {
            s += Math.abs(e);
        }
        return s;
    }
}
