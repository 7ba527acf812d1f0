# batch-size.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot batch-size.gp                  writes batch-size.png and batch-size.svg
#   gnuplot -c batch-size.gp terminal      draws it in the terminal
#   gnuplot -c batch-size.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'batch-size.png'
svg_file = (ARGC > 2) ? ARG3 : 'batch-size.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 800,560 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 800,560 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 100,30 noenhanced; set output }
  set multiplot layout 1,1
  # — panel 'Test accuracy after 20000 images, SGD η = 0.01 from He''s start' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Test accuracy after 20000 images, SGD η = 0.01 from He''s start'; set xlabel 'batch size B'; set ylabel 'test accuracy (2000 images)'
  set xrange [1.333333333:150]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set logscale x; set format x '%g'; set xtics add (2, 5, 20, 50)
  set key default; set key bottom right opaque
  plot 'batch-size.dat' using 1:4 with linespoints lw 1.5 pi 1 ps 1 lc rgb '#1f77b4' title 'Batch Normalization', \
       'batch-size.dat' using 1:3 with linespoints lw 1.5 pi 1 ps 1 dt 2 lc rgb '#ff7f0e' title 'Normal (without BatchNorm)', \
       'batch-size.dat' using 1:5 with linespoints lw 1.5 pi 1 ps 1 dt 2 lc rgb 'gray' title 'Batch Normalization, each test batch of B by its own statistics'
  unset multiplot
  set output
}
