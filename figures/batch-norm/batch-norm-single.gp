# batch-norm-single.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot batch-norm-single.gp                  writes batch-norm-single.png and batch-norm-single.svg
#   gnuplot -c batch-norm-single.gp terminal      draws it in the terminal
#   gnuplot -c batch-norm-single.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'batch-norm-single.png'
svg_file = (ARGC > 2) ? ARG3 : 'batch-norm-single.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 800,560 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 800,560 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 100,30 noenhanced; set output }
  set multiplot layout 1,1
  # — panel 'Weight scale σ = 0.08577: with and without batch normalization' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Weight scale σ = 0.08577: with and without batch normalization'; set xlabel 'epochs'; set ylabel 'accuracy'
  set xrange [0:19]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set key default; set key bottom right opaque
  plot 'batch-norm-scales.dat' using 1:11 with lines lw 1.5 lc rgb '#1f77b4' title 'Batch Normalization', \
       'batch-norm-scales.dat' using 1:10 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'Normal (without BatchNorm)'
  unset multiplot
  set output
}
