# dropout.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot dropout.gp                  writes dropout.png and dropout.svg
#   gnuplot -c dropout.gp terminal      draws it in the terminal
#   gnuplot -c dropout.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'dropout.png'
svg_file = (ARGC > 2) ? ARG3 : 'dropout.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 900,600 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 900,600 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 100,30 noenhanced; set output }
  set multiplot layout 1,1
  # — panel '784-[100×6]-10 ReLU net on 300 MNIST images: with (solid) and without (dashed) dropout' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title '784-[100×6]-10 ReLU net on 300 MNIST images: with (solid) and without (dashed) dropout'; set xlabel 'epochs'; set ylabel 'accuracy'
  set xrange [0:300]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set key default; set key bottom right opaque
  plot 'dropout.dat' using 1:2 with linespoints lw 1.5 pi 10 ps 1 lc rgb '#1f77b4' title 'train, dropout r = 0.2', \
       'dropout.dat' using 1:3 with linespoints lw 1.5 pi 10 ps 1 lc rgb '#ff7f0e' title 'test, dropout r = 0.2', \
       'dropout.dat' using 1:4 with linespoints lw 1.5 pi 10 ps 1 dt 2 lc rgb '#1f77b4' title 'train, no dropout', \
       'dropout.dat' using 1:5 with linespoints lw 1.5 pi 10 ps 1 dt 2 lc rgb '#ff7f0e' title 'test, no dropout'
  unset multiplot
  set output
}
