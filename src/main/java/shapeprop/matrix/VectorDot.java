package shapeprop.matrix;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The matrix product on the Vector API (jdk.incubator.vector). Only {@link Dot} loads this class, and only
 * when the JVM was started with {@code --add-modules jdk.incubator.vector}; nothing else may refer to it.
 *
 * <p>The shape of the computation (the Goto/BLIS scheme):
 * <ul>
 *   <li>C is computed in tiles of MR = 8 rows × NR = 3 vectors (24 columns with AVX-512). The micro-kernel
 *       keeps a tile in 24 vector registers: for each p it loads three vectors of B's row p and, for each of
 *       the eight rows, broadcasts A[i, p] and does three fused multiply-adds.</li>
 *   <li>B is cut into blocks of KC rows; within a block, a panel of B (KC × NR) is reused by every tile in
 *       its column, so it should sit in the L1 cache. B is packed into contiguous panels (rows of B far
 *       apart in memory would fight over the same cache sets), except for a C of at most 64 rows or columns,
 *       whose few tiles or panels do not repay the copy.</li>
 *   <li>A is packed into panels of eight rows (the eight values broadcast for one p side by side) when it
 *       is read transposed or its block is reused by several panels of B; a row-major A used by one panel
 *       (a narrow C, such as 10 classes) is read in place, which saves the copy.</li>
 * </ul>
 * C's rows are padded to whole vectors (B's last panel is padded with zeros), so tiles at the right edge are
 * stored whole; tiles below C's last row are computed into a scratch tile and only their valid rows stored. The
 * first block of k writes C and the others add to it, so C need not start as zeros. Before their first use the
 * tile kernels are warmed up on scratch data ({@link #warmUp}).
 */
final class VectorDot implements DotKernel {

    static final VectorDot INSTANCE = new VectorDot();

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector: 8 with AVX-512, 4 with AVX2. */
    private static final int L = S.length();
    /** Rows of a C tile. */
    private static final int MR = 8;
    /** Columns of a C tile: three vectors. */
    private static final int NR = 3 * L;
    /** Rows of B (= columns of A) per block: a KC × NR panel of B stays in L1. */
    private static final int KC = 128;
    /** Rows of A per block: MC × KC of A stays in L2. */
    private static final int MC = 192;
    /** Columns of B per block. */
    private static final int NC = 64 * NR;
    /**
     * B is read in place when C has at most this many rows, or columns: then too few tiles reuse a panel, or too
     * few panels share the packing of a block, to repay copying it. Otherwise it is packed, because a panel read
     * in place has its rows a whole row of B apart, and rows a power-of-two distance apart land in the same few L1
     * cache sets and evict each other. Measured here: (128×784)·(784×64) runs at 79 GFLOPS with B in place, 70
     * packed.
     */
    private static final int DIRECT_B = 64;
    /**
     * A is packed when its block is reused by at least this many panels of B. Reading A in place needs kernels of
     * their own, and each kernel runs hundreds of times slower until the JIT has compiled it: with 2, a training
     * run's products (batch 64, and the last batch of 32) all use the packed kernels, and only a product as
     * narrow as one panel (10 classes) reads A in place.
     */
    private static final int PACK_A_PANELS = 2;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private VectorDot() {
    }

    /** Per-thread scratch: packed blocks of B and A, and one tile of C. */
    private static final class Scratch {
        double[] packedB = new double[0];
        final double[] packedA = new double[(MC + MR) * KC];
        final double[] tile = new double[MR * NR];

        double[] packedB(int size) {
            if (packedB.length < size) {
                packedB = new double[size];
            }
            return packedB;
        }
    }

    /** Where the micro-kernel reads B(p, j) for one panel: {@code b[base + p·rowStride + j]}. */
    private static final class Panel {
        double[] b;
        int base;
        int rowStride;
    }

    @Override
    public void multiply(Operands o, int r0, int r1, int c0, int c1) {
        Scratch scratch = SCRATCH.get();
        Panel panel = new Panel();
        boolean directB = o.bCol == 1 && (o.m <= DIRECT_B || o.n <= DIRECT_B);
        for (int jc = c0; jc < c1; jc += NC) {
            int nc = Math.min(NC, c1 - jc);
            boolean packA = o.aCol != 1 || (nc + NR - 1) / NR >= PACK_A_PANELS;
            // a partial tile of rows always takes the packed kernels
            warmUp(false);
            if (!packA) {
                warmUp(true);
            }
            for (int pc = 0; pc < o.k; pc += KC) {
                int kc = Math.min(KC, o.k - pc);
                double[] pb = scratch.packedB(kc * roundUp(nc));
                packB(o, pc, kc, jc, nc, pb, directB);
                for (int ic = r0; ic < r1; ic += MC) {
                    int mc = Math.min(MC, r1 - ic);
                    if (packA) {
                        packA(o, ic, mc, pc, kc, scratch.packedA);
                    }
                    for (int j = 0; j < nc; j += NR) {
                        int valid = Math.min(NR, nc - j);
                        int width = roundUp(valid);
                        if (directB && valid == width) {
                            panel.b = o.b;
                            panel.base = pc * o.bRow + jc + j;
                            panel.rowStride = o.bRow;
                        } else {
                            panel.b = pb;
                            panel.base = j * kc;
                            panel.rowStride = width;
                        }
                        // the first block of k writes C, the others add to it
                        columnOfTiles(o, scratch, packA, panel, ic, mc, pc, kc, jc + j, valid, width, pc > 0);
                    }
                }
            }
        }
    }

    /**
     * C[ic:ic+mc, col:col+valid] (+)= A[ic:ic+mc, pc:pc+kc]·(one panel of B), tile by tile down the rows; added with
     * {@code add}, else written.
     */
    private static void columnOfTiles(Operands o, Scratch scratch, boolean packA, Panel panel, int ic, int mc,
                                      int pc, int kc, int col, int valid, int width, boolean add) {
        double[] c = o.c;
        int ldc = o.ldc;
        for (int i = 0; i < mc; i += MR) {
            int rows = Math.min(MR, mc - i);
            double[] a;
            int aBase;
            int lda;
            if (packA) {
                a = scratch.packedA;
                aBase = i * kc;
                lda = -1;
            } else if (rows == MR) {
                a = o.a;
                aBase = (ic + i) * o.aRow + pc;
                lda = o.aRow;
            } else {
                // the last rows of A, zero-padded to a whole tile
                a = scratch.packedA;
                packA(o, ic + i, rows, pc, kc, a);
                aBase = 0;
                lda = -1;
            }
            int cBase = (ic + i) * ldc + col;
            if (rows == MR) {
                // C's rows are padded to whole vectors, so the whole tile fits even when valid < width
                tile(width, kc, a, aBase, lda, panel, c, cBase, ldc, add);
            } else {
                double[] t = scratch.tile;
                tile(width, kc, a, aBase, lda, panel, t, 0, width, false);
                storeRows(t, width, rows, valid, c, cBase, ldc, add);
            }
        }
    }

    /** Number of columns rounded up to whole vectors. */
    private static int roundUp(int columns) {
        return (columns + L - 1) / L * L;
    }

    /**
     * Packs B[pc:pc+kc, jc:jc+nc] into panels NR wide (the last one fewer whole vectors, zero-padded):
     * panel j holds B(pc + p, jc + j + jj) at {@code pb[j·kc + p·width + jj]}. With {@code onlyPartial} only the
     * last, partial panel is packed (the others are read in place).
     */
    private static void packB(Operands o, int pc, int kc, int jc, int nc, double[] pb, boolean onlyPartial) {
        for (int j = 0; j < nc; j += NR) {
            int valid = Math.min(NR, nc - j);
            int width = roundUp(valid);
            if (onlyPartial && valid == width) {
                continue;
            }
            int base = j * kc;
            if (o.bRow == 1) {
                // B read transposed (A·Bᵀ): column j of B is contiguous. Eight columns are read side by side, each p
                // written as one contiguous group of eight (copied one column at a time, each p's write would land
                // a panel row apart: 10% of an MNIST step went into packing Xᵀ for dW1 = dZ1·Xᵀ that way)
                int jj = 0;
                for (; jj + 8 <= valid; jj += 8) {
                    int from = (jc + j + jj) * o.bCol + pc;
                    int ldb = o.bCol;
                    for (int p = 0; p < kc; p++) {
                        int to = base + p * width + jj;
                        int at = from + p;
                        pb[to] = o.b[at];
                        pb[to + 1] = o.b[at + ldb];
                        pb[to + 2] = o.b[at + 2 * ldb];
                        pb[to + 3] = o.b[at + 3 * ldb];
                        pb[to + 4] = o.b[at + 4 * ldb];
                        pb[to + 5] = o.b[at + 5 * ldb];
                        pb[to + 6] = o.b[at + 6 * ldb];
                        pb[to + 7] = o.b[at + 7 * ldb];
                    }
                }
                // the last columns, and the zero padding, one column at a time
                for (; jj < width; jj++) {
                    if (jj < valid) {
                        int from = (jc + j + jj) * o.bCol + pc;
                        for (int p = 0; p < kc; p++) {
                            pb[base + p * width + jj] = o.b[from + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            pb[base + p * width + jj] = 0.0;
                        }
                    }
                }
                continue;
            }
            for (int p = 0; p < kc; p++) {
                int to = base + p * width;
                if (o.bCol == 1) {
                    int from = (pc + p) * o.bRow + jc + j;
                    for (int jj = 0; jj < valid; jj++) {
                        pb[to + jj] = o.b[from + jj];
                    }
                } else {
                    for (int jj = 0; jj < valid; jj++) {
                        pb[to + jj] = o.b(pc + p, jc + j + jj);
                    }
                }
                for (int jj = valid; jj < width; jj++) {
                    pb[to + jj] = 0.0;
                }
            }
        }
    }

    /**
     * Packs A[ic:ic+mc, pc:pc+kc] into panels of MR rows, column by column and zero-padded: row r of the panel
     * starting at row i is A(ic + i + r, pc + p) at {@code pa[i·kc + p·MR + r]}.
     */
    private static void packA(Operands o, int ic, int mc, int pc, int kc, double[] pa) {
        for (int i = 0; i < mc; i += MR) {
            int rows = Math.min(MR, mc - i);
            int base = i * kc;
            if (rows == MR && o.aCol == 1) {
                // eight rows read side by side, each p written as one contiguous group of eight
                int r0 = (ic + i) * o.aRow + pc;
                int lda = o.aRow;
                for (int p = 0; p < kc; p++) {
                    int to = base + p * MR;
                    int from = r0 + p;
                    pa[to] = o.a[from];
                    pa[to + 1] = o.a[from + lda];
                    pa[to + 2] = o.a[from + 2 * lda];
                    pa[to + 3] = o.a[from + 3 * lda];
                    pa[to + 4] = o.a[from + 4 * lda];
                    pa[to + 5] = o.a[from + 5 * lda];
                    pa[to + 6] = o.a[from + 6 * lda];
                    pa[to + 7] = o.a[from + 7 * lda];
                }
                continue;
            }
            if (rows == MR && o.aRow == 1) {
                // A read transposed (Aᵀ·B): the eight values for one p are already side by side
                int from = (ic + i) + pc * o.aCol;
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(o.a, from + p * o.aCol, pa, base + p * MR, MR);
                }
                continue;
            }
            for (int p = 0; p < kc; p++) {
                for (int r = 0; r < MR; r++) {
                    pa[base + p * MR + r] = r < rows ? o.a(ic + i + r, pc + p) : 0.0;
                }
            }
        }
    }

    /** C[r, j] = tile[r, j] (or += with {@code add}) for the valid rows and columns of a scratch tile. */
    private static void storeRows(double[] t, int width, int rows, int cols, double[] c, int cBase, int ldc,
                                  boolean add) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                c[cBase + r * ldc + j] = add ? c[cBase + r * ldc + j] + t[r * width + j] : t[r * width + j];
            }
        }
    }

    /**
     * One tile of C, MR rows by {@code width} columns (one, two or three vectors): A packed ({@code lda} < 0) or
     * read in place with row stride {@code lda}.
     */
    private static void tile(int width, int kc, double[] a, int aBase, int lda, Panel panel, double[] c, int cBase,
                             int ldc, boolean add) {
        double[] b = panel.b;
        int bBase = panel.base;
        int ldb = panel.rowStride;
        if (lda < 0) {
            if (width == NR) {
                tile3(kc, a, aBase, b, bBase, ldb, c, cBase, ldc, add);
            } else if (width == 2 * L) {
                tile2(kc, a, aBase, b, bBase, ldb, c, cBase, ldc, add);
            } else {
                tile1(kc, a, aBase, b, bBase, ldb, c, cBase, ldc, add);
            }
        } else if (width == NR) {
            tile3Direct(kc, a, aBase, lda, b, bBase, ldb, c, cBase, ldc, add);
        } else if (width == 2 * L) {
            tile2Direct(kc, a, aBase, lda, b, bBase, ldb, c, cBase, ldc, add);
        } else {
            tile1Direct(kc, a, aBase, lda, b, bBase, ldb, c, cBase, ldc, add);
        }
    }

    /**
     * The micro-kernel: C[8 rows, 3 vectors] += A[8 rows, kc]·B[kc, 3 vectors] in 24 vector registers, with A
     * packed (A(r, p) at {@code pa[aBase + p·8 + r]}) and B(p, j) at {@code b[bBase + p·ldb + j]}; without
     * {@code add} the tile overwrites C (the first block of k: C need not start as zeros). Measured here, 8 × 3
     * vectors runs about 1.5 times as fast as 4 × 3 or 6 × 3, and more accumulators spill.
     */
    private static void tile3(int kc, double[] a, int aBase, double[] b, int bBase, int ldb, double[] c,
                              int cBase, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c12 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c22 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c32 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        DoubleVector c42 = c00;
        DoubleVector c50 = c00;
        DoubleVector c51 = c00;
        DoubleVector c52 = c00;
        DoubleVector c60 = c00;
        DoubleVector c61 = c00;
        DoubleVector c62 = c00;
        DoubleVector c70 = c00;
        DoubleVector c71 = c00;
        DoubleVector c72 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = aBase + p * MR;
            int bp = bBase + p * ldb;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            // C[r, :] += A[r, p]·B[p, :] for the eight rows r
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = DoubleVector.broadcast(S, a[ap + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = DoubleVector.broadcast(S, a[ap + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = DoubleVector.broadcast(S, a[ap + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            x = DoubleVector.broadcast(S, a[ap + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            x = DoubleVector.broadcast(S, a[ap + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            x = DoubleVector.broadcast(S, a[ap + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            c62 = x.fma(b2, c62);
            x = DoubleVector.broadcast(S, a[ap + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            c72 = x.fma(b2, c72);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, cBase)).intoArray(c, cBase);
            c01.add(DoubleVector.fromArray(S, c, cBase + L)).intoArray(c, cBase + L);
            c02.add(DoubleVector.fromArray(S, c, cBase + 2 * L)).intoArray(c, cBase + 2 * L);
            c10.add(DoubleVector.fromArray(S, c, cBase + ldc)).intoArray(c, cBase + ldc);
            c11.add(DoubleVector.fromArray(S, c, cBase + ldc + L)).intoArray(c, cBase + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, cBase + ldc + 2 * L)).intoArray(c, cBase + ldc + 2 * L);
            c20.add(DoubleVector.fromArray(S, c, cBase + 2 * ldc)).intoArray(c, cBase + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, cBase + 2 * ldc + L)).intoArray(c, cBase + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, cBase + 2 * ldc + 2 * L)).intoArray(c, cBase + 2 * ldc + 2 * L);
            c30.add(DoubleVector.fromArray(S, c, cBase + 3 * ldc)).intoArray(c, cBase + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, cBase + 3 * ldc + L)).intoArray(c, cBase + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, cBase + 3 * ldc + 2 * L)).intoArray(c, cBase + 3 * ldc + 2 * L);
            c40.add(DoubleVector.fromArray(S, c, cBase + 4 * ldc)).intoArray(c, cBase + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, cBase + 4 * ldc + L)).intoArray(c, cBase + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, cBase + 4 * ldc + 2 * L)).intoArray(c, cBase + 4 * ldc + 2 * L);
            c50.add(DoubleVector.fromArray(S, c, cBase + 5 * ldc)).intoArray(c, cBase + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, cBase + 5 * ldc + L)).intoArray(c, cBase + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, cBase + 5 * ldc + 2 * L)).intoArray(c, cBase + 5 * ldc + 2 * L);
            c60.add(DoubleVector.fromArray(S, c, cBase + 6 * ldc)).intoArray(c, cBase + 6 * ldc);
            c61.add(DoubleVector.fromArray(S, c, cBase + 6 * ldc + L)).intoArray(c, cBase + 6 * ldc + L);
            c62.add(DoubleVector.fromArray(S, c, cBase + 6 * ldc + 2 * L)).intoArray(c, cBase + 6 * ldc + 2 * L);
            c70.add(DoubleVector.fromArray(S, c, cBase + 7 * ldc)).intoArray(c, cBase + 7 * ldc);
            c71.add(DoubleVector.fromArray(S, c, cBase + 7 * ldc + L)).intoArray(c, cBase + 7 * ldc + L);
            c72.add(DoubleVector.fromArray(S, c, cBase + 7 * ldc + 2 * L)).intoArray(c, cBase + 7 * ldc + 2 * L);
        } else {
            c00.intoArray(c, cBase);
            c01.intoArray(c, cBase + L);
            c02.intoArray(c, cBase + 2 * L);
            c10.intoArray(c, cBase + ldc);
            c11.intoArray(c, cBase + ldc + L);
            c12.intoArray(c, cBase + ldc + 2 * L);
            c20.intoArray(c, cBase + 2 * ldc);
            c21.intoArray(c, cBase + 2 * ldc + L);
            c22.intoArray(c, cBase + 2 * ldc + 2 * L);
            c30.intoArray(c, cBase + 3 * ldc);
            c31.intoArray(c, cBase + 3 * ldc + L);
            c32.intoArray(c, cBase + 3 * ldc + 2 * L);
            c40.intoArray(c, cBase + 4 * ldc);
            c41.intoArray(c, cBase + 4 * ldc + L);
            c42.intoArray(c, cBase + 4 * ldc + 2 * L);
            c50.intoArray(c, cBase + 5 * ldc);
            c51.intoArray(c, cBase + 5 * ldc + L);
            c52.intoArray(c, cBase + 5 * ldc + 2 * L);
            c60.intoArray(c, cBase + 6 * ldc);
            c61.intoArray(c, cBase + 6 * ldc + L);
            c62.intoArray(c, cBase + 6 * ldc + 2 * L);
            c70.intoArray(c, cBase + 7 * ldc);
            c71.intoArray(c, cBase + 7 * ldc + L);
            c72.intoArray(c, cBase + 7 * ldc + 2 * L);
        }
    }

    /** As {@link #tile3} for a panel two vectors wide. */
    private static void tile2(int kc, double[] a, int aBase, double[] b, int bBase, int ldb, double[] c,
                              int cBase, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        DoubleVector c50 = c00;
        DoubleVector c51 = c00;
        DoubleVector c60 = c00;
        DoubleVector c61 = c00;
        DoubleVector c70 = c00;
        DoubleVector c71 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = aBase + p * MR;
            int bp = bBase + p * ldb;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[ap + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[ap + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[ap + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[ap + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[ap + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, a[ap + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, a[ap + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, cBase)).intoArray(c, cBase);
            c01.add(DoubleVector.fromArray(S, c, cBase + L)).intoArray(c, cBase + L);
            c10.add(DoubleVector.fromArray(S, c, cBase + ldc)).intoArray(c, cBase + ldc);
            c11.add(DoubleVector.fromArray(S, c, cBase + ldc + L)).intoArray(c, cBase + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, cBase + 2 * ldc)).intoArray(c, cBase + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, cBase + 2 * ldc + L)).intoArray(c, cBase + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, cBase + 3 * ldc)).intoArray(c, cBase + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, cBase + 3 * ldc + L)).intoArray(c, cBase + 3 * ldc + L);
            c40.add(DoubleVector.fromArray(S, c, cBase + 4 * ldc)).intoArray(c, cBase + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, cBase + 4 * ldc + L)).intoArray(c, cBase + 4 * ldc + L);
            c50.add(DoubleVector.fromArray(S, c, cBase + 5 * ldc)).intoArray(c, cBase + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, cBase + 5 * ldc + L)).intoArray(c, cBase + 5 * ldc + L);
            c60.add(DoubleVector.fromArray(S, c, cBase + 6 * ldc)).intoArray(c, cBase + 6 * ldc);
            c61.add(DoubleVector.fromArray(S, c, cBase + 6 * ldc + L)).intoArray(c, cBase + 6 * ldc + L);
            c70.add(DoubleVector.fromArray(S, c, cBase + 7 * ldc)).intoArray(c, cBase + 7 * ldc);
            c71.add(DoubleVector.fromArray(S, c, cBase + 7 * ldc + L)).intoArray(c, cBase + 7 * ldc + L);
        } else {
            c00.intoArray(c, cBase);
            c01.intoArray(c, cBase + L);
            c10.intoArray(c, cBase + ldc);
            c11.intoArray(c, cBase + ldc + L);
            c20.intoArray(c, cBase + 2 * ldc);
            c21.intoArray(c, cBase + 2 * ldc + L);
            c30.intoArray(c, cBase + 3 * ldc);
            c31.intoArray(c, cBase + 3 * ldc + L);
            c40.intoArray(c, cBase + 4 * ldc);
            c41.intoArray(c, cBase + 4 * ldc + L);
            c50.intoArray(c, cBase + 5 * ldc);
            c51.intoArray(c, cBase + 5 * ldc + L);
            c60.intoArray(c, cBase + 6 * ldc);
            c61.intoArray(c, cBase + 6 * ldc + L);
            c70.intoArray(c, cBase + 7 * ldc);
            c71.intoArray(c, cBase + 7 * ldc + L);
        }
    }

    /** As {@link #tile3} for a panel one vector wide. */
    private static void tile1(int kc, double[] a, int aBase, double[] b, int bBase, int ldb, double[] c,
                              int cBase, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c10 = c00;
        DoubleVector c20 = c00;
        DoubleVector c30 = c00;
        DoubleVector c40 = c00;
        DoubleVector c50 = c00;
        DoubleVector c60 = c00;
        DoubleVector c70 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = aBase + p * MR;
            int bp = bBase + p * ldb;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            x = DoubleVector.broadcast(S, a[ap + 1]);
            c10 = x.fma(b0, c10);
            x = DoubleVector.broadcast(S, a[ap + 2]);
            c20 = x.fma(b0, c20);
            x = DoubleVector.broadcast(S, a[ap + 3]);
            c30 = x.fma(b0, c30);
            x = DoubleVector.broadcast(S, a[ap + 4]);
            c40 = x.fma(b0, c40);
            x = DoubleVector.broadcast(S, a[ap + 5]);
            c50 = x.fma(b0, c50);
            x = DoubleVector.broadcast(S, a[ap + 6]);
            c60 = x.fma(b0, c60);
            x = DoubleVector.broadcast(S, a[ap + 7]);
            c70 = x.fma(b0, c70);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, cBase)).intoArray(c, cBase);
            c10.add(DoubleVector.fromArray(S, c, cBase + ldc)).intoArray(c, cBase + ldc);
            c20.add(DoubleVector.fromArray(S, c, cBase + 2 * ldc)).intoArray(c, cBase + 2 * ldc);
            c30.add(DoubleVector.fromArray(S, c, cBase + 3 * ldc)).intoArray(c, cBase + 3 * ldc);
            c40.add(DoubleVector.fromArray(S, c, cBase + 4 * ldc)).intoArray(c, cBase + 4 * ldc);
            c50.add(DoubleVector.fromArray(S, c, cBase + 5 * ldc)).intoArray(c, cBase + 5 * ldc);
            c60.add(DoubleVector.fromArray(S, c, cBase + 6 * ldc)).intoArray(c, cBase + 6 * ldc);
            c70.add(DoubleVector.fromArray(S, c, cBase + 7 * ldc)).intoArray(c, cBase + 7 * ldc);
        } else {
            c00.intoArray(c, cBase);
            c10.intoArray(c, cBase + ldc);
            c20.intoArray(c, cBase + 2 * ldc);
            c30.intoArray(c, cBase + 3 * ldc);
            c40.intoArray(c, cBase + 4 * ldc);
            c50.intoArray(c, cBase + 5 * ldc);
            c60.intoArray(c, cBase + 6 * ldc);
            c70.intoArray(c, cBase + 7 * ldc);
        }
    }

    /**
     * As {@link #tile3} with A read in place from a row-major matrix: A(r, p) at {@code a[aBase + r·lda + p]}.
     * The eight row offsets cost registers, so this is used only where packing A would cost more.
     */
    private static void tile3Direct(int kc, double[] a, int aBase, int lda, double[] b, int bBase, int ldb,
                                    double[] c, int cBase, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c12 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c22 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c32 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        DoubleVector c42 = c00;
        DoubleVector c50 = c00;
        DoubleVector c51 = c00;
        DoubleVector c52 = c00;
        DoubleVector c60 = c00;
        DoubleVector c61 = c00;
        DoubleVector c62 = c00;
        DoubleVector c70 = c00;
        DoubleVector c71 = c00;
        DoubleVector c72 = c00;
        int a1 = lda;
        int a2 = 2 * lda;
        int a3 = 3 * lda;
        int a4 = 4 * lda;
        int a5 = 5 * lda;
        int a6 = 6 * lda;
        int a7 = 7 * lda;
        for (int p = 0; p < kc; p++) {
            int ap = aBase + p;
            int bp = bBase + p * ldb;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            // C[r, :] += A[r, p]·B[p, :] for the eight rows r
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = DoubleVector.broadcast(S, a[ap + a1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = DoubleVector.broadcast(S, a[ap + a2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = DoubleVector.broadcast(S, a[ap + a3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            x = DoubleVector.broadcast(S, a[ap + a4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            x = DoubleVector.broadcast(S, a[ap + a5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            x = DoubleVector.broadcast(S, a[ap + a6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            c62 = x.fma(b2, c62);
            x = DoubleVector.broadcast(S, a[ap + a7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            c72 = x.fma(b2, c72);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, cBase)).intoArray(c, cBase);
            c01.add(DoubleVector.fromArray(S, c, cBase + L)).intoArray(c, cBase + L);
            c02.add(DoubleVector.fromArray(S, c, cBase + 2 * L)).intoArray(c, cBase + 2 * L);
            c10.add(DoubleVector.fromArray(S, c, cBase + ldc)).intoArray(c, cBase + ldc);
            c11.add(DoubleVector.fromArray(S, c, cBase + ldc + L)).intoArray(c, cBase + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, cBase + ldc + 2 * L)).intoArray(c, cBase + ldc + 2 * L);
            c20.add(DoubleVector.fromArray(S, c, cBase + 2 * ldc)).intoArray(c, cBase + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, cBase + 2 * ldc + L)).intoArray(c, cBase + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, cBase + 2 * ldc + 2 * L)).intoArray(c, cBase + 2 * ldc + 2 * L);
            c30.add(DoubleVector.fromArray(S, c, cBase + 3 * ldc)).intoArray(c, cBase + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, cBase + 3 * ldc + L)).intoArray(c, cBase + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, cBase + 3 * ldc + 2 * L)).intoArray(c, cBase + 3 * ldc + 2 * L);
            c40.add(DoubleVector.fromArray(S, c, cBase + 4 * ldc)).intoArray(c, cBase + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, cBase + 4 * ldc + L)).intoArray(c, cBase + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, cBase + 4 * ldc + 2 * L)).intoArray(c, cBase + 4 * ldc + 2 * L);
            c50.add(DoubleVector.fromArray(S, c, cBase + 5 * ldc)).intoArray(c, cBase + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, cBase + 5 * ldc + L)).intoArray(c, cBase + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, cBase + 5 * ldc + 2 * L)).intoArray(c, cBase + 5 * ldc + 2 * L);
            c60.add(DoubleVector.fromArray(S, c, cBase + 6 * ldc)).intoArray(c, cBase + 6 * ldc);
            c61.add(DoubleVector.fromArray(S, c, cBase + 6 * ldc + L)).intoArray(c, cBase + 6 * ldc + L);
            c62.add(DoubleVector.fromArray(S, c, cBase + 6 * ldc + 2 * L)).intoArray(c, cBase + 6 * ldc + 2 * L);
            c70.add(DoubleVector.fromArray(S, c, cBase + 7 * ldc)).intoArray(c, cBase + 7 * ldc);
            c71.add(DoubleVector.fromArray(S, c, cBase + 7 * ldc + L)).intoArray(c, cBase + 7 * ldc + L);
            c72.add(DoubleVector.fromArray(S, c, cBase + 7 * ldc + 2 * L)).intoArray(c, cBase + 7 * ldc + 2 * L);
        } else {
            c00.intoArray(c, cBase);
            c01.intoArray(c, cBase + L);
            c02.intoArray(c, cBase + 2 * L);
            c10.intoArray(c, cBase + ldc);
            c11.intoArray(c, cBase + ldc + L);
            c12.intoArray(c, cBase + ldc + 2 * L);
            c20.intoArray(c, cBase + 2 * ldc);
            c21.intoArray(c, cBase + 2 * ldc + L);
            c22.intoArray(c, cBase + 2 * ldc + 2 * L);
            c30.intoArray(c, cBase + 3 * ldc);
            c31.intoArray(c, cBase + 3 * ldc + L);
            c32.intoArray(c, cBase + 3 * ldc + 2 * L);
            c40.intoArray(c, cBase + 4 * ldc);
            c41.intoArray(c, cBase + 4 * ldc + L);
            c42.intoArray(c, cBase + 4 * ldc + 2 * L);
            c50.intoArray(c, cBase + 5 * ldc);
            c51.intoArray(c, cBase + 5 * ldc + L);
            c52.intoArray(c, cBase + 5 * ldc + 2 * L);
            c60.intoArray(c, cBase + 6 * ldc);
            c61.intoArray(c, cBase + 6 * ldc + L);
            c62.intoArray(c, cBase + 6 * ldc + 2 * L);
            c70.intoArray(c, cBase + 7 * ldc);
            c71.intoArray(c, cBase + 7 * ldc + L);
            c72.intoArray(c, cBase + 7 * ldc + 2 * L);
        }
    }

    /** As {@link #tile3Direct} for a panel two vectors wide. */
    private static void tile2Direct(int kc, double[] a, int aBase, int lda, double[] b, int bBase, int ldb,
                                    double[] c, int cBase, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        DoubleVector c50 = c00;
        DoubleVector c51 = c00;
        DoubleVector c60 = c00;
        DoubleVector c61 = c00;
        DoubleVector c70 = c00;
        DoubleVector c71 = c00;
        int a1 = lda;
        int a2 = 2 * lda;
        int a3 = 3 * lda;
        int a4 = 4 * lda;
        int a5 = 5 * lda;
        int a6 = 6 * lda;
        int a7 = 7 * lda;
        for (int p = 0; p < kc; p++) {
            int ap = aBase + p;
            int bp = bBase + p * ldb;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[ap + a1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[ap + a2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[ap + a3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[ap + a4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[ap + a5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, a[ap + a6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, a[ap + a7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, cBase)).intoArray(c, cBase);
            c01.add(DoubleVector.fromArray(S, c, cBase + L)).intoArray(c, cBase + L);
            c10.add(DoubleVector.fromArray(S, c, cBase + ldc)).intoArray(c, cBase + ldc);
            c11.add(DoubleVector.fromArray(S, c, cBase + ldc + L)).intoArray(c, cBase + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, cBase + 2 * ldc)).intoArray(c, cBase + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, cBase + 2 * ldc + L)).intoArray(c, cBase + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, cBase + 3 * ldc)).intoArray(c, cBase + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, cBase + 3 * ldc + L)).intoArray(c, cBase + 3 * ldc + L);
            c40.add(DoubleVector.fromArray(S, c, cBase + 4 * ldc)).intoArray(c, cBase + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, cBase + 4 * ldc + L)).intoArray(c, cBase + 4 * ldc + L);
            c50.add(DoubleVector.fromArray(S, c, cBase + 5 * ldc)).intoArray(c, cBase + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, cBase + 5 * ldc + L)).intoArray(c, cBase + 5 * ldc + L);
            c60.add(DoubleVector.fromArray(S, c, cBase + 6 * ldc)).intoArray(c, cBase + 6 * ldc);
            c61.add(DoubleVector.fromArray(S, c, cBase + 6 * ldc + L)).intoArray(c, cBase + 6 * ldc + L);
            c70.add(DoubleVector.fromArray(S, c, cBase + 7 * ldc)).intoArray(c, cBase + 7 * ldc);
            c71.add(DoubleVector.fromArray(S, c, cBase + 7 * ldc + L)).intoArray(c, cBase + 7 * ldc + L);
        } else {
            c00.intoArray(c, cBase);
            c01.intoArray(c, cBase + L);
            c10.intoArray(c, cBase + ldc);
            c11.intoArray(c, cBase + ldc + L);
            c20.intoArray(c, cBase + 2 * ldc);
            c21.intoArray(c, cBase + 2 * ldc + L);
            c30.intoArray(c, cBase + 3 * ldc);
            c31.intoArray(c, cBase + 3 * ldc + L);
            c40.intoArray(c, cBase + 4 * ldc);
            c41.intoArray(c, cBase + 4 * ldc + L);
            c50.intoArray(c, cBase + 5 * ldc);
            c51.intoArray(c, cBase + 5 * ldc + L);
            c60.intoArray(c, cBase + 6 * ldc);
            c61.intoArray(c, cBase + 6 * ldc + L);
            c70.intoArray(c, cBase + 7 * ldc);
            c71.intoArray(c, cBase + 7 * ldc + L);
        }
    }

    /** As {@link #tile3Direct} for a panel one vector wide. */
    private static void tile1Direct(int kc, double[] a, int aBase, int lda, double[] b, int bBase, int ldb,
                                    double[] c, int cBase, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c10 = c00;
        DoubleVector c20 = c00;
        DoubleVector c30 = c00;
        DoubleVector c40 = c00;
        DoubleVector c50 = c00;
        DoubleVector c60 = c00;
        DoubleVector c70 = c00;
        int a1 = lda;
        int a2 = 2 * lda;
        int a3 = 3 * lda;
        int a4 = 4 * lda;
        int a5 = 5 * lda;
        int a6 = 6 * lda;
        int a7 = 7 * lda;
        for (int p = 0; p < kc; p++) {
            int ap = aBase + p;
            int bp = bBase + p * ldb;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            x = DoubleVector.broadcast(S, a[ap + a1]);
            c10 = x.fma(b0, c10);
            x = DoubleVector.broadcast(S, a[ap + a2]);
            c20 = x.fma(b0, c20);
            x = DoubleVector.broadcast(S, a[ap + a3]);
            c30 = x.fma(b0, c30);
            x = DoubleVector.broadcast(S, a[ap + a4]);
            c40 = x.fma(b0, c40);
            x = DoubleVector.broadcast(S, a[ap + a5]);
            c50 = x.fma(b0, c50);
            x = DoubleVector.broadcast(S, a[ap + a6]);
            c60 = x.fma(b0, c60);
            x = DoubleVector.broadcast(S, a[ap + a7]);
            c70 = x.fma(b0, c70);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, cBase)).intoArray(c, cBase);
            c10.add(DoubleVector.fromArray(S, c, cBase + ldc)).intoArray(c, cBase + ldc);
            c20.add(DoubleVector.fromArray(S, c, cBase + 2 * ldc)).intoArray(c, cBase + 2 * ldc);
            c30.add(DoubleVector.fromArray(S, c, cBase + 3 * ldc)).intoArray(c, cBase + 3 * ldc);
            c40.add(DoubleVector.fromArray(S, c, cBase + 4 * ldc)).intoArray(c, cBase + 4 * ldc);
            c50.add(DoubleVector.fromArray(S, c, cBase + 5 * ldc)).intoArray(c, cBase + 5 * ldc);
            c60.add(DoubleVector.fromArray(S, c, cBase + 6 * ldc)).intoArray(c, cBase + 6 * ldc);
            c70.add(DoubleVector.fromArray(S, c, cBase + 7 * ldc)).intoArray(c, cBase + 7 * ldc);
        } else {
            c00.intoArray(c, cBase);
            c10.intoArray(c, cBase + ldc);
            c20.intoArray(c, cBase + 2 * ldc);
            c30.intoArray(c, cBase + 3 * ldc);
            c40.intoArray(c, cBase + 4 * ldc);
            c50.intoArray(c, cBase + 5 * ldc);
            c60.intoArray(c, cBase + 6 * ldc);
            c70.intoArray(c, cBase + 7 * ldc);
        }
    }

    /** Whether the JIT has compiled the kernels for packed A (tile1 … tile3), and those reading A in place. */
    private static volatile boolean packedCompiled;
    private static volatile boolean directCompiled;
    /** The longest a warm-up may take (a JVM that never compiles, such as -Xint, gives up after it). */
    private static final long WARM_UP_NANOS = 5_000_000_000L;
    /** The time the warm-ups took so far (on the thread that ran each; others waited meanwhile). */
    private static final AtomicLong WARM_UP_SPENT = new AtomicLong();

    @Override
    public long warmUpNanos() {
        return WARM_UP_SPENT.get();
    }

    /**
     * Until the JIT has compiled them, the tile kernels run in the interpreter, where every vector operation is an
     * object on the heap: hundreds of times slower. A 784-128-10 training run spent its first second there, in
     * calls of kc = 128, which each take milliseconds. So before their first use, the kernels of one kind run on
     * scratch data in calls of kc = 8: they reach the JIT's thresholds within some thousand calls and C2 compiles
     * them from this profile into code as fast as from real products; about 0.4 s, once, until a call of kc = 128
     * runs at compiled speed.
     */
    private static void warmUp(boolean direct) {
        if (direct ? directCompiled : packedCompiled) {
            return;
        }
        long entered = System.nanoTime();
        synchronized (VectorDot.class) {
            if (direct ? directCompiled : packedCompiled) {
                return;
            }
            int kc = 128;
            double[] a = new double[MR * kc];
            double[] b = new double[(kc + 1) * NR];
            double[] c = new double[MR * NR];
            long start = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                // both ways of storing a tile, so that neither branch is new to the compiled code
                runKernels(direct, 8, a, b, c, (i & 1) == 0);
            }
            while (System.nanoTime() - start < WARM_UP_NANOS) {
                long t = System.nanoTime();
                runKernels(direct, kc, a, b, c, true);
                // compiled, the three tiles of kc = 128 take about a microsecond; C1's code a millisecond
                if (System.nanoTime() - t < 20_000) {
                    break;
                }
            }
            if (direct) {
                directCompiled = true;
            } else {
                packedCompiled = true;
            }
            WARM_UP_SPENT.addAndGet(System.nanoTime() - entered);
        }
    }

    /** The three tile kernels of one kind, once each, into C's first tile. */
    private static void runKernels(boolean direct, int kc, double[] a, double[] b, double[] c, boolean add) {
        if (direct) {
            tile3Direct(kc, a, 0, kc, b, 0, NR, c, 0, NR, add);
            tile2Direct(kc, a, 0, kc, b, 0, NR, c, 0, NR, add);
            tile1Direct(kc, a, 0, kc, b, 0, NR, c, 0, NR, add);
        } else {
            tile3(kc, a, 0, b, 0, NR, c, 0, NR, add);
            tile2(kc, a, 0, b, 0, NR, c, 0, NR, add);
            tile1(kc, a, 0, b, 0, NR, c, 0, NR, add);
        }
    }

    @Override
    public int columnPadding() {
        return L;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String toString() {
        return "VectorDot (Vector API, " + L + " lanes, " + MR + "×" + NR + " tiles)";
    }
}
