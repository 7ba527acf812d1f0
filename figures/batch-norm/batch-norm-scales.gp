# batch-norm-scales.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot batch-norm-scales.gp                  writes batch-norm-scales.png and batch-norm-scales.svg
#   gnuplot -c batch-norm-scales.gp terminal      draws it in the terminal
#   gnuplot -c batch-norm-scales.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'batch-norm-scales.png'
svg_file = (ARGC > 2) ? ARG3 : 'batch-norm-scales.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1200,1000 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1200,1000 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 200,80 noenhanced; set output }
  set multiplot layout 4,4 title 'Training accuracy with (solid) and without (dashed) batch normalization, per weight scale σ'
  # — panel 'W:1 (normal: NaN from epoch 1)' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:1 (normal: NaN from epoch 1)'; set xlabel ''; set ylabel 'accuracy'
  set xrange [0:19]; set yrange [0:1]
  set format x ''
  set format y '% h'
  unset key
  plot 'batch-norm-scales.dat' using 1:3 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:2 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.5412 (normal: NaN from epoch 1)' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.5412 (normal: NaN from epoch 1)'; set xlabel ''; set ylabel ''
  set xrange [0:19]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'batch-norm-scales.dat' using 1:5 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:4 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.2929' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.2929'; set xlabel ''; set ylabel ''
  set xrange [0:19]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'batch-norm-scales.dat' using 1:7 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:6 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.1585' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.1585'; set xlabel ''; set ylabel ''
  set xrange [0:19]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'batch-norm-scales.dat' using 1:9 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:8 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.08577' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.08577'; set xlabel ''; set ylabel 'accuracy'
  set xrange [0:19]; set yrange [0:1]
  set format x ''
  set format y '% h'
  unset key
  plot 'batch-norm-scales.dat' using 1:11 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:10 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.04642' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.04642'; set xlabel ''; set ylabel ''
  set xrange [0:19]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'batch-norm-scales.dat' using 1:13 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:12 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.02512' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.02512'; set xlabel ''; set ylabel ''
  set xrange [0:19]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'batch-norm-scales.dat' using 1:15 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:14 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.01359' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.01359'; set xlabel ''; set ylabel ''
  set xrange [0:19]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'batch-norm-scales.dat' using 1:17 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:16 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.007356' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.007356'; set xlabel ''; set ylabel 'accuracy'
  set xrange [0:19]; set yrange [0:1]
  set format x ''
  set format y '% h'
  unset key
  plot 'batch-norm-scales.dat' using 1:19 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:18 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.003981' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.003981'; set xlabel ''; set ylabel ''
  set xrange [0:19]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'batch-norm-scales.dat' using 1:21 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:20 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.002154' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.002154'; set xlabel ''; set ylabel ''
  set xrange [0:19]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'batch-norm-scales.dat' using 1:23 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:22 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.001166' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.001166'; set xlabel ''; set ylabel ''
  set xrange [0:19]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'batch-norm-scales.dat' using 1:25 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:24 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.000631' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.000631'; set xlabel 'epochs'; set ylabel 'accuracy'
  set xrange [0:19]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  unset key
  plot 'batch-norm-scales.dat' using 1:27 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:26 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.0003415' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.0003415'; set xlabel 'epochs'; set ylabel ''
  set xrange [0:19]; set yrange [0:1]
  set format x '% h'
  set format y ''
  unset key
  plot 'batch-norm-scales.dat' using 1:29 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:28 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.0001848' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.0001848'; set xlabel 'epochs'; set ylabel ''
  set xrange [0:19]; set yrange [0:1]
  set format x '% h'
  set format y ''
  unset key
  plot 'batch-norm-scales.dat' using 1:31 with lines lw 1.5 lc rgb '#1f77b4' notitle, \
       'batch-norm-scales.dat' using 1:30 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' notitle
  # — panel 'W:0.0001' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'W:0.0001'; set xlabel 'epochs'; set ylabel ''
  set xrange [0:19]; set yrange [0:1]
  set format x '% h'
  set format y ''
  set key default; set key top right opaque
  plot 'batch-norm-scales.dat' using 1:33 with lines lw 1.5 lc rgb '#1f77b4' title 'Batch Normalization', \
       'batch-norm-scales.dat' using 1:32 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'Normal (without BatchNorm)'
  unset multiplot
  set output
}
