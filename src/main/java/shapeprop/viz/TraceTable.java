package shapeprop.viz;

import shapeprop.nn.Trace;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A {@link Trace} as a table, one row per operation: phase, layer, equation, operand shapes, result shape
 * and the check column ({@code = W1 (128, 784) ✓} for a gradient, or what was broadcast).
 */
public final class TraceTable {

    private TraceTable() {
    }

    public static Table of(Trace trace) {
        StringColumn phase = StringColumn.create("phase");
        IntColumn layer = IntColumn.create("layer");
        StringColumn equation = StringColumn.create("equation");
        StringColumn operands = StringColumn.create("operands");
        StringColumn result = StringColumn.create("result");
        StringColumn check = StringColumn.create("check");
        for (Trace.Step step : trace.steps()) {
            phase.append(step.phase());
            layer.append(step.layer());
            equation.append(step.equation());
            operands.append(step.operands());
            result.append(step.result().toString());
            check.append(step.note());
        }
        String name = trace.isEmpty() ? "Trace (empty: turn tracing on before forward/backward/update)"
                : "Trace" + (trace.gradientsOk() ? "" : ": a gradient has the wrong shape ✗");
        return Table.create(name, phase, layer, equation, operands, result, check);
    }
}
